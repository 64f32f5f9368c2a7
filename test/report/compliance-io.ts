// Runs `aigc compliance export` in-process with captured streams, for tests.
import {Readable, Writable} from 'node:stream';
import {type ComplianceFlags, runComplianceExport} from '../../src/cli/run-compliance.js';

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
  const exitCode = await runComplianceExport(flags, {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout: out,
    stderr: {write: (text: string) => (stderr += text)},
    env: {},
    cwd: options.cwd,
  });
  return {exitCode, stdout: Buffer.concat(stdout), stderr};
}

/** The flags of `compliance export …` arguments as the reference takes them. */
export function flagsFromArgs(args: readonly string[]): ComplianceFlags {
  const flags: ComplianceFlags = {input: []};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '-i' || arg === '--input') flags.input.push(args[++index]);
    else if (arg === '-o' || arg === '--output') flags.output = args[++index];
    else if (arg === '-f' || arg === '--format') flags.format = args[++index];
    else if (arg === '--include-artifacts') flags['include-artifacts'] = true;
    else if (arg === '--lineage') flags.lineage = true;
    else if (arg !== 'compliance' && arg !== 'export') throw new Error(`unexpected argument ${arg}`);
  }
  return flags;
}
