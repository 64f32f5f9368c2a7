// A generated trail for comparing ways of verifying: several interleaved,
// signed chains with every kind of damage a verifier reports spread through
// it (edits, deletions, duplicates, moved artifacts, unsigned ones, values
// only the exact reader keeps, lines that are not artifacts or not JSON), so
// any difference in the bookkeeping across lines shows.
import {AuditChain} from '../../src/audit/chain.js';
import {HmacSigner, signArtifact} from '../../src/audit/signing.js';
import {pyJsonDumps} from '../../src/canonical/dumps.js';
import type {PyDict} from '../../src/python/values.js';

export const GENERATED_KEY = 'generated-trail-key';

export interface GeneratedTrail {
  bytes: Buffer;
  /** The line over `longLineBytes` bytes, when one was asked for. */
  longLine: number | null;
}

/**
 * `artifacts` artifacts over four chains, with a BOM, a cut-off last line
 * and, given `longLineBytes`, one line that long.
 */
export function generateTrail(artifacts: number, options: {longLineBytes?: number} = {}): GeneratedTrail {
  const signer = new HmacSigner(GENERATED_KEY);
  const chains = ['alpha', 'beta', 'gamma', 'delta'].map((id) => new AuditChain(id));
  const lines: (string | Buffer)[] = [];
  let longLine: number | null = null;
  for (let n = 0; n < artifacts; n++) {
    const artifact: PyDict = {
      audit_schema_version: '1.4',
      role: n % 5 === 3 ? 'intruder' : 'planner',
      enforcement_result: n % 5 === 3 ? 'FAIL' : 'PASS',
      context: {n, note: `café ☃ #${n}`, tags: ['a', 'b', n % 3]},
      metadata: {gates: ['role', 'tools'], score: (n % 10) / 20, nested: {z: 1, a: [n, {y: null}]}},
      timestamp: 1780000000 + n,
    };
    if (n % 7 !== 5) signArtifact(artifact, signer);
    let text = pyJsonDumps(chains[n % 4].append(artifact));
    if (n % 41 === 7) text = text.replace('"role": "planner"', '"role": "admin"');
    if (n % 53 === 11) text = text.replace('"audit_schema_version": "1.4"', '"audit_schema_version": "1.5", "odd": 1.0, "big": 123456789012345678901234567890');
    if (n % 59 === 13) continue;
    if (n % 61 === 17) lines.push(text);
    if (n % 67 === 19) text = text.replace(/"chain_id": "(\w+)"/, '"chain_id": "$1-moved"');
    lines.push(text);
    if (n % 73 === 29) lines.push('', '   ', 'not json', '[1, 2]', '{"no": "chain"}', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    if (n % 79 === 31) lines.push(`${text}\r`);
    if (options.longLineBytes !== undefined && n === Math.floor(artifacts / 2)) {
      longLine = lines.length + 1;
      lines.push(`{"padding": "${'x'.repeat(options.longLineBytes)}"}`);
    }
  }
  const last = lines.pop()!;
  const body = Buffer.concat(lines.map((line) => Buffer.concat([Buffer.from(line), Buffer.from('\n')])));
  return {bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body, Buffer.from(last).subarray(0, 120)]), longLine};
}
