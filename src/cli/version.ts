// The tool's version, from package.json, for reports that name their producer.
import {readFileSync} from 'node:fs';

let cached: string | undefined;

export function toolVersion(): string {
  if (cached === undefined) {
    for (const candidate of ['../../package.json', '../../../package.json']) {
      try {
        cached = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')).version as string;
        break;
      } catch {
        // try the next layout (src/ under tsx, dist/src/ after build)
      }
    }
  }
  return cached ?? '0.0.0';
}
