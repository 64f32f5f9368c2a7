// An enforcement observer only watches: with a coverage collector attached,
// every decision of the conformance corpora is the same artifact, byte for
// byte, as without one (the hooks run on every path of those corpora).
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {canonicalJson, parseJson} from '../../src/canonical/index.js';
import {decide} from '../../src/pipeline/enforce.js';
import {PolicyCache} from '../../src/policy/cache.js';
import {CoverageCollector, coverageReport} from '../../src/testing/coverage/index.js';

const NOW = 1700000000;

function invocations(corpus: string): {dir: string; lines: string[]} {
  const dir = fileURLToPath(new URL(`../data/${corpus}/`, import.meta.url));
  const lines = readFileSync(`${dir}invocations.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return {dir, lines};
}

describe('an enforcement observer', () => {
  it.each(['corpus-public', 'corpus-wide', 'corpus-edges'])('changes no artifact of %s, and sees its policies', {timeout: 120_000}, (corpus) => {
    const {dir, lines} = invocations(corpus);
    const collector = new CoverageCollector();
    const cache = new PolicyCache();
    const differing: number[] = [];
    lines.forEach((line, index) => {
      const without = decide(parseJson(line), {now: () => NOW, cwd: dir});
      const watched = decide(parseJson(line), {now: () => NOW, cwd: dir, observer: collector, cache});
      if (canonicalJson(without.artifact) !== canonicalJson(watched.artifact)) differing.push(index + 1);
    });
    expect(differing).toEqual([]);
    const report = coverageReport(collector);
    expect(report.files.length).toBeGreaterThan(0);
    expect(report.totals.outcomesCovered).toBeGreaterThan(0);
  });
});
