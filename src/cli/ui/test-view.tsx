// The live view of `aigc policy test` on a terminal: each failure appears as
// it happens (the same lines as the pretty format; passing cases are counted,
// listed only when verbose), under a running count that becomes the recap of
// every failure and the closing line. Imported only when stdout is a TTY outside CI.
import {Chalk, type ChalkInstance} from 'chalk';
import {render, Text, useStdout} from 'ink';
import {useLayoutEffect, useRef, useSyncExternalStore} from 'react';
import type {CaseResult, RunSummary} from '../../testing/run.js';
import {displayCopy} from '../display-text.js';
import {prettyCaseLines, prettyFooter} from '../reporters/test/pretty.js';

export interface LiveViewOptions {
  /** Cases the run will run: those `--run` selects, less the skipped ones (the closing line counts skipped ones apart). */
  total: number;
  color: boolean;
  cwd?: string;
  /** Which cases are listed as they finish (see the pretty format). */
  verbosity?: 'quiet' | 'normal' | 'verbose';
  stdout: NodeJS.WriteStream;
}

interface ViewState {
  /** Every finished case, in order. */
  results: CaseResult[];
  /** The same cases in the groups they finished in between two frames: written out together. */
  batches: CaseResult[][];
  summary?: RunSummary;
}

/**
 * Holds what the view shows; the run pushes into it, React reads snapshots.
 * Cases finished while the run holds the thread are published together
 * (when it yields), so a thousand cases draw in a few frames.
 */
class ResultStore {
  private state: ViewState = {results: [], batches: []};
  private pending: CaseResult[] = [];
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ViewState => this.state;

  add(result: CaseResult): void {
    if (this.pending.length === 0) queueMicrotask(() => this.publish());
    this.pending.push(result);
  }

  finish(summary: RunSummary): void {
    this.publish();
    this.update({...this.state, summary});
  }

  private publish(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.update({...this.state, results: [...this.state.results, ...batch], batches: [...this.state.batches, batch]});
  }

  private update(state: ViewState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function TestView({store, options}: {store: ResultStore; options: LiveViewOptions}) {
  const state = useSyncExternalStore(store.subscribe, store.snapshot);
  const {write} = useStdout();
  const printed = useRef(0);
  const paint = new Chalk({level: options.color ? 1 : 0});
  // Finished cases are written above the live line as plain text, as <Static> would show them,
  // without laying out (measuring, wrapping) every line of a large run.
  useLayoutEffect(() => {
    const fresh = state.batches.slice(printed.current);
    printed.current = state.batches.length;
    const lines = fresh.flatMap((batch) => batch.flatMap((result) => prettyCaseLines(result, paint, options)));
    if (lines.length > 0) write(`${lines.join('\n')}\n`);
  });
  const footer = state.summary ? prettyFooter(state.summary, paint, [], options.cwd).join('\n') : runningLine(state.results, options.total, paint);
  return <Text>{footer}</Text>;
}

/** The count under the finished cases while the run goes on: cases run (passed or failed) of those to run, then each count. */
export function runningLine(results: readonly CaseResult[], total: number, paint: ChalkInstance): string {
  const counts = {passed: 0, failed: 0, skipped: 0};
  for (const result of results) counts[result.status]++;
  const ran = counts.passed + counts.failed;
  return `${paint.cyan('running')} ${ran}/${total}  ${paint.green(`✓ ${counts.passed}`)}  ${paint.red(`✗ ${counts.failed}`)}  ${paint.yellow(`○ ${counts.skipped}`)}`;
}

/** Runs the cases with the live view on screen; resolves with the run's summary once the view has printed its last frame. */
export async function runWithLiveView(run: (onResult: (result: CaseResult) => void) => Promise<RunSummary>, options: LiveViewOptions): Promise<RunSummary> {
  const store = new ResultStore();
  const view = render(<TestView store={store} options={options} />, {stdout: options.stdout, patchConsole: false});
  try {
    // The view is a human format like pretty: what it shows of input is shown through displayCopy.
    const summary = await run((result) => store.add(displayCopy(result)));
    store.finish(displayCopy(summary));
    return summary;
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    view.unmount();
    await view.waitUntilExit();
  }
}
