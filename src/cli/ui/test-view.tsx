// The live view of `aigc policy test` on a terminal: each case's line appears
// as it finishes (the same lines as the pretty format), under a running count
// that becomes the closing line. Imported only when stdout is a TTY outside CI.
import {Chalk, type ChalkInstance} from 'chalk';
import {render, Static, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import type {CaseResult, RunSummary} from '../../testing/run.js';
import {prettyCaseLines, prettyFooter} from '../reporters/test/pretty.js';

export interface LiveViewOptions {
  /** Cases the run will run: those `--run` selects, less the skipped ones (the closing line counts skipped ones apart). */
  total: number;
  color: boolean;
  cwd?: string;
  stdout: NodeJS.WriteStream;
}

interface ViewState {
  results: CaseResult[];
  summary?: RunSummary;
}

/** Holds what the view shows; the run pushes into it, React reads snapshots. */
class ResultStore {
  private state: ViewState = {results: []};
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ViewState => this.state;

  add(result: CaseResult): void {
    this.update({results: [...this.state.results, result]});
  }

  finish(summary: RunSummary): void {
    this.update({...this.state, summary});
  }

  private update(state: ViewState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function TestView({store, options}: {store: ResultStore; options: LiveViewOptions}) {
  const state = useSyncExternalStore(store.subscribe, store.snapshot);
  const paint = new Chalk({level: options.color ? 1 : 0});
  const footer = state.summary ? prettyFooter(state.summary, paint).join('\n') : runningLine(state.results, options.total, paint);
  return (
    <>
      <Static items={state.results}>
        {(result, index) => <Text key={index}>{prettyCaseLines(result, paint, options.cwd).join('\n')}</Text>}
      </Static>
      <Text>{footer}</Text>
    </>
  );
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
    const summary = await run((result) => store.add(result));
    store.finish(summary);
    return summary;
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    view.unmount();
    await view.waitUntilExit();
  }
}
