// The progress line of `aigc chain verify` on an interactive stderr: the file,
// how much of it has been read, artifacts checked and problems found so far.
// Imported only for a TTY outside CI and never under machine formats; it is
// cleared before the report is written.
import chalk, {type ColorSupportLevel} from 'chalk';
import {Box, render, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import type {VerifyProgress} from '../../audit/verify/index.js';
import {displayText} from '../display-text.js';

export interface VerifyProgressOptions {
  stderr: NodeJS.WriteStream;
  /** A file's size in bytes, or null when unknown (stdin). */
  fileSize: (file: string) => number | null;
  /** The colour level decided in src/cli/color.ts (ink's chalk would detect its own, ignoring NO_COLOR). */
  colorLevel: ColorSupportLevel;
}

/** Repaints at most this often; the verifier reports far more often. */
const REPAINT_MS = 100;
const BAR_WIDTH = 24;

class ProgressStore {
  /** null before the first report; 'done' once verification has ended (the view then draws nothing). */
  private state: VerifyProgress | null | 'done' = null;
  private listener: (() => void) | null = null;
  private lastPaint = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  };

  readonly snapshot = (): VerifyProgress | null | 'done' => this.state;

  readonly update = (progress: VerifyProgress): void => {
    const now = Date.now();
    if (this.state === 'done') return;
    if (this.state !== null && progress.file === this.state.file && now - this.lastPaint < REPAINT_MS) return;
    this.lastPaint = now;
    this.state = {...progress};
    this.listener?.();
  };

  finish(): void {
    this.state = 'done';
    this.listener?.();
  }
}

function ProgressView({store, fileSize, color}: {store: ProgressStore; fileSize: (file: string) => number | null; color: boolean}) {
  const progress = useSyncExternalStore(store.subscribe, store.snapshot);
  if (progress === 'done') return null;
  if (progress === null) return <Text dimColor={color}>verifying…</Text>;
  const size = fileSize(progress.file);
  const fraction = size ? Math.min(1, progress.bytesRead / size) : null;
  const bar = fraction === null ? '' : `${'█'.repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, '░')} ${(fraction * 100).toFixed(0).padStart(3)}%  `;
  return (
    <Box>
      <Text color={color ? 'cyan' : undefined}>verifying </Text>
      <Text bold={color}>{progress.file === '-' ? 'stdin' : displayText(progress.file)}</Text>
      <Text>{`  ${bar}${progress.artifacts.toLocaleString('en')} artifacts  `}</Text>
      <Text color={color ? (progress.problems > 0 ? 'red' : 'green') : undefined}>{`${progress.problems.toLocaleString('en')} problems`}</Text>
    </Box>
  );
}

/** Shows the view; `stop` erases it (an empty last frame) and resolves once it is gone. */
export function startVerifyProgress(options: VerifyProgressOptions): {update: (progress: VerifyProgress) => void; stop: () => Promise<void>} {
  const store = new ProgressStore();
  // ink colours through chalk's default instance: it gets the decided level, not its own guess.
  chalk.level = options.colorLevel;
  const view = render(<ProgressView store={store} fileSize={options.fileSize} color={options.colorLevel > 0} />, {stdout: options.stderr, patchConsole: false, exitOnCtrlC: true});
  return {
    update: store.update,
    stop: async () => {
      store.finish();
      await new Promise((resolve) => setImmediate(resolve));
      view.unmount();
      await view.waitUntilExit();
    },
  };
}
