// What a command gets from the process it runs in, given to every run
// function: the three streams, the environment, the working folder, and how to
// import an ES module. The start path passes the process's own; tests pass
// buffers and a folder of their own, and run commands in-process.
import type {Readable, Writable} from 'node:stream';

/** A stream that may be a terminal: whether it is, how wide and how many colours (Node's `tty.WriteStream`). */
export interface TerminalStream extends Writable {
  isTTY?: boolean;
  columns?: number;
  getColorDepth?: (env?: Record<string, string | undefined>) => number;
}

/** `import()` of a module URL (a `--gate` module, a view built on ink). */
export type ModuleImporter = (url: string) => Promise<unknown>;

export interface CommandIo {
  stdin: Readable;
  stdout: TerminalStream;
  stderr: TerminalStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /**
   * Imports ES modules. The start path runs the commands as one compiled
   * script, where `import()` has no module loader, so it passes the importer
   * of the module that started the process.
   */
  importModule: ModuleImporter;
}

/** The process's own streams, environment and folder. */
export function processIo(importModule: ModuleImporter): CommandIo {
  return {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), importModule};
}
