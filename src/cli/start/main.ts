// The one start path of every aigc command (bin/run.js and bin/dev.js call
// `main`): find the command its words name, parse its argv with its spec, run
// it with the process's I/O. oclif is loaded only for what it renders: help,
// the version and a topic's commands, and help only where its build-time
// rendering does not serve (./prerendered-help.ts).
import {type CommandIo, type ModuleImporter, processIo} from '../command-io.js';
import {enableLinearRegexEngine} from '../../python/regex/linear-engine.js';
import {describeFailure} from '../diagnostics.js';
import {usageError} from '../exit-codes.js';
import {type CommandEntry, COMMANDS} from './commands.js';
import {withProjectConfig} from '../project-config.js';
import {parseCommandLine} from './parse.js';
import {prerenderedHelp} from './prerendered-help.js';
import {routeCommandLine} from './route.js';
import {commandWords} from './spec.js';
import {nearestWord} from '../../nearest-word.js';
import {startWorkersWith} from '../../io/worker-start.js';
import {bundleWorkerStarter} from './bundle-workers.js';

export {serveWorker} from './bundle-workers.js';

export interface StartOptions {
  /** Imports ES modules for the commands (the start path may run as a script with no module loader). */
  importModule: ModuleImporter;
  /** The commands run from their TypeScript sources (bin/dev.js): oclif reads them so too. */
  development?: boolean;
  /** A script that serves any worker thread from the bundle this start runs from (bin/bundle-worker.js). */
  workerEntry?: URL;
}

/** Runs the command line (the words after the program) in this process. */
export async function main(argv: readonly string[], options: StartOptions): Promise<void> {
  // The command allows V8's linear-time regex engine for the process (the library never sets a V8 flag on its own):
  // it is turned on when a pattern first needs it, after the bundle is compiled, so the code cache still applies.
  enableLinearRegexEngine();
  if (options.workerEntry !== undefined) startWorkersWith(bundleWorkerStarter(options.workerEntry, argv));
  const route = routeCommandLine(argv, COMMANDS);
  // Writes report their own failures (src/cli/output.ts); one that reaches stdout later is no crash (a reader of help that went away, too).
  process.stdout.on('error', () => undefined);
  if (route.kind === 'oclif') {
    const text = prerenderedHelp(argv, {env: process.env, terminal: {stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true}});
    if (text !== undefined) {
      process.stdout.write(text);
      return;
    }
    const {renderWithOclif} = await import('./oclif-render.js');
    await renderWithOclif(argv, options.development ?? false);
    return;
  }
  // Failures are values here (a FAIL artifact, a finding, a failing case): capturing their stacks costs more than deciding them.
  if ((process.env.DEBUG ?? '') === '') Error.stackTraceLimit = 0;
  // No process.exit(): pipes drain asynchronously, and exiting would drop queued output.
  process.exitCode = await runRoute(route, processIo(options.importModule));
}

/** Runs a command line with the given I/O (a test's buffers); undefined where oclif would render help. */
export async function runCommandLine(argv: readonly string[], io: CommandIo): Promise<number | undefined> {
  const route = routeCommandLine(argv, COMMANDS);
  return route.kind === 'oclif' ? undefined : runRoute(route, io);
}

/** The command with this id. */
export function commandEntry(id: string): CommandEntry {
  const entry = COMMANDS.find((candidate) => candidate.spec.id === id);
  if (entry === undefined) throw new Error(`no command ${id}`);
  return entry;
}

/** Parses `argv` for the command and runs it; any failure is one stderr line and the exit code it decides. */
export async function runCommand(entry: CommandEntry, argv: readonly string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(entry.spec, argv);
  } catch (error) {
    return fail(error, io, commandWords(entry.spec));
  }
  try {
    return await entry.run(await withProjectConfig(entry.spec, parsed, io.cwd), io);
  } catch (error) {
    return fail(error, io, commandWords(entry.spec));
  }
}

function runRoute(route: Exclude<ReturnType<typeof routeCommandLine<CommandEntry>>, {kind: 'oclif'}>, io: CommandIo): Promise<number> {
  if (route.kind === 'unknown') {
    return Promise.resolve(fail(usageError(unknownCommandText(route.words)), io));
  }
  return runCommand(route.command, route.argv, io);
}

/** `unknown command "policy lnt"; did you mean "policy lint"?`, else where the commands are listed. */
function unknownCommandText(words: string): string {
  const near = nearestWord(words, COMMANDS.map(({spec}) => commandWords(spec)));
  return `unknown command "${words}"; ${near === undefined ? 'see "aigc help" for the commands' : `did you mean "${near}"?`}`;
}

function fail(error: unknown, io: CommandIo, command?: string): number {
  const report = describeFailure(error, io.env, command);
  io.stderr.write(report.stderr);
  return report.exitCode;
}
