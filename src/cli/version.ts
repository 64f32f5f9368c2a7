// The tool's version, from package.json, for reports that name their producer
// and for `aigc version`.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {packageRoot} from '../package-root.js';
import type {CommandIo} from './command-io.js';
import {ExitCode} from './exit-codes.js';

let cached: string | undefined;

export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version as string | undefined) ?? '0.0.0';
  return cached;
}

/** `aigc/0.1.0 linux-x64 node-v20.20.2`: what oclif prints for --version, and bug reports ask for. */
export function versionLine(): string {
  return `aigc/${toolVersion()} ${process.platform}-${process.arch} node-${process.version}`;
}

/** `aigc version`. */
export async function runVersion(io: CommandIo): Promise<number> {
  io.stdout.write(`${versionLine()}\n`);
  return ExitCode.Success;
}
