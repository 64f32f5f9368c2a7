// The tool's version, from package.json, for reports that name their producer.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {packageRoot} from '../package-root.js';

let cached: string | undefined;

export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version as string | undefined) ?? '0.0.0';
  return cached;
}
