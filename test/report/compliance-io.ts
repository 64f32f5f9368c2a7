// Runs `aigc compliance export` in-process with captured streams, for tests.
import {Readable, Writable} from 'node:stream';
import {type ComplianceFlags, runComplianceExport} from '../../src/cli/run-compliance.js';
import {COMPLIANCE_EXPORT} from '../../src/cli/specs/compliance-export.js';
import {parseCommandLine} from '../../src/cli/start/parse.js';

export interface ExportRun {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/** `flags` as the command parses them; `stdin` feeds `-`. */
export async function exportReport(flags: ComplianceFlags, options: {cwd: string; stdin?: Buffer | string}): Promise<ExportRun> {
  const stdout: Buffer[] = [];
  let stderr = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stdout.push(Buffer.from(chunk));
      callback();
    },
  });
  const exitCode = await runComplianceExport([], flags, {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout: out,
    stderr: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        stderr += chunk.toString();
        callback();
      },
    }),
    env: {},
    cwd: options.cwd,
    importModule: (url) => import(url),
  });
  return {exitCode, stdout: Buffer.concat(stdout), stderr};
}

/** The flags of a `compliance export …` command line, as the command parses them. */
export function flagsFromArgs(args: readonly string[]): ComplianceFlags {
  const [compliance, exportWord, ...rest] = args;
  if (compliance !== 'compliance' || exportWord !== 'export') throw new Error(`not a compliance export command line: ${args.join(' ')}`);
  return parseCommandLine(COMPLIANCE_EXPORT, rest).flags;
}
