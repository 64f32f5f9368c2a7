// The JSON Lines files under test/data: one value a line, blank lines skipped.
import {readFileSync} from 'node:fs';

/** The rows of test/data/`name`. */
export function dataRows<T>(name: string): T[] {
  return readFileSync(new URL(`data/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
