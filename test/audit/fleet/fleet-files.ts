// A fleet of trail files for the fleet tests: the reference chain of 40
// artifacts rotated into daily files, and the summaries `chain verify
// --summary-json` writes for them.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {REPO_ROOT} from '../../cli/command-line.js';

const CHAIN = join(REPO_ROOT, 'test', 'data', 'chains', 'reference-chain.jsonl');

/** Lines of the 40-artifact reference chain. */
export function referenceChainLines(): string[] {
  return readFileSync(CHAIN, 'utf8').trimEnd().split('\n');
}

/** Writes `day-1.jsonl` … with the chain's artifacts split at `cuts` (line counts per file); their names. */
export function rotateChain(work: string, sizes: readonly number[]): string[] {
  const lines = referenceChainLines();
  const names: string[] = [];
  let from = 0;
  sizes.forEach((size, day) => {
    const name = `day-${day + 1}.jsonl`;
    writeFileSync(join(work, name), `${lines.slice(from, from + size).join('\n')}\n`);
    names.push(name);
    from += size;
  });
  return names;
}
