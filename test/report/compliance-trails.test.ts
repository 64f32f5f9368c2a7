// A compliance report of a file is the same however the file is cut into
// batches (as worker threads get them; examined on this thread here, cut small
// so lines with CRs, a BOM, refused lines and lineage edges straddle batch
// edges). The built CLI with real
// workers is compared with one thread in test/cli-e2e/compliance-threads.test.ts.
// The lineage tally is checked against the lineage graph it stands in for.
import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {LineageGraph} from '../../src/audit/lineage.js';
import {type ComplianceReadOptions, readComplianceReport} from '../../src/report/compliance-trails.js';
import {ComplianceDataError} from '../../src/report/compliance.js';
import {LineageTally, MAX_LINEAGE_NODES} from '../../src/report/lineage-tally.js';
import {lineageTrail} from './lineage-trail.js';
import {seededRandom} from '../seeded-random.js';

const inputs = new URL('../data/compliance/inputs/', import.meta.url).pathname;
const files = readdirSync(inputs).filter((name) => name.endsWith('.jsonl'));

function inBatches(file: string, batchBytes: number, options: Omit<ComplianceReadOptions, 'sourceFile'>) {
  return readComplianceReport([{name: 'trail', path: file}], {sourceFile: 'trail', ...options, batchBytes, threads: 1});
}

describe('a compliance report read in batches', () => {
  const folder = mkdtempSync(join(tmpdir(), 'aigc-compliance-batches-'));
  const generated = join(folder, 'lineage-generated.jsonl');
  writeFileSync(generated, lineageTrail());
  const trails = [...files.map((name) => join(inputs, name)), generated];

  for (const [name, options] of [
    ['plain', {}],
    ['with lineage', {lineage: true}],
    ['with the artifacts', {includeArtifacts: true}],
  ] as const) {
    it(`is the report read in one go, for every trail: ${name}`, async () => {
      for (const trail of trails) {
        const expected = await inBatches(trail, 1024 * 1024, options).catch((error: Error) => error.message);
        for (const batchBytes of [64, 700, 64 * 1024]) {
          const actual = await inBatches(trail, batchBytes, options).catch((error: Error) => error.message);
          expect(actual, `${trail} in batches of ${batchBytes}`).toEqual(expected);
        }
      }
    });
  }
});

describe('the lineage tally', () => {
  it('summarises as the lineage graph does: repeated keys, missing and repeated parents, self-links and cycles', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const keys = Array.from({length: 2 + Math.floor(next() * 30)}, (_, i) => i.toString(16).padStart(64, '0'));
      const pick = () => (next() < 0.1 ? `${keys[0]}\n` : next() < 0.15 ? 'f'.repeat(64) : keys[Math.floor(next() * keys.length)]);
      const graph = new LineageGraph();
      const tally = new LineageTally();
      for (let n = 0; n < keys.length * 2; n++) {
        const key = keys[Math.floor(next() * keys.length)];
        const parents = Array.from({length: Math.floor(next() * 4)}, pick);
        graph.addNode(key, parents);
        tally.add(key, parents, 'trail', n + 1);
      }
      expect(tally.counts(), `seed ${seed}`).toEqual({
        totalNodes: graph.size,
        roots: graph.rootKeys(),
        leaves: graph.leafKeys(),
        orphans: graph.orphanKeys(),
        hasCycle: graph.hasCycle(),
      });
    }
  });

  it('refuses a trail of more distinct artifacts than its bound, naming the line, rather than exhausting memory', () => {
    expect(MAX_LINEAGE_NODES).toBe(1_000_000);
    const tally = new LineageTally(3);
    const key = (n: number) => n.toString(16).padStart(64, '0');
    for (let n = 0; n < 3; n++) tally.add(key(n), [], 'audit.jsonl', n + 1);
    // A repeated key is no new node.
    tally.add(key(1), [key(0)], 'audit.jsonl', 4);
    let refusal: unknown;
    try {
      tally.add(key(3), [], 'audit.jsonl', 5);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ComplianceDataError);
    expect(refusal).toMatchObject({sourceLocation: {file: 'audit.jsonl', line: 5}, code: 'COMPLIANCE_LINEAGE_BOUND'});
    expect((refusal as Error).message).toBe('the lineage of more than 3 distinct artifacts is not kept in memory; export without --lineage, or split the trail');
  });
});
