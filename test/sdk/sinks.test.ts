import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {recomputeChecksum} from '../../src/audit/chain.js';
import {JsonFileAuditSink} from '../../src/audit/sinks.js';
import {parseJson} from '../../src/canonical/json.js';
import type {PyDict} from '../../src/python/values.js';
import {Aigc} from '../../src/sdk/aigc.js';
import {invocation, PLANNER_POLICY, policyFolder} from '../pipeline/helpers.js';

const clock = () => 1700000000;

describe('the JSONL file sink', () => {
  it("writes one line per artifact in Python's json.dumps format", async () => {
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const path = join(dir, 'audit.jsonl');
    await new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path)}).enforce(invocation({input: {text: 'café'}}));
    const line = readFileSync(path, 'utf8');
    expect(line.startsWith('{"audit_schema_version": "1.4", "policy_file": "policy.yaml", ')).toBe(true);
    expect(line.endsWith('}\n')).toBe(true);
  });

  it('keeps every line whole under many concurrent emitters in one process', async () => {
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const path = join(dir, 'audit.jsonl');
    const aigc = new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path)});
    await Promise.all(Array.from({length: 200}, (_, n) => aigc.enforce(invocation({input: {n}})).catch(() => undefined)));
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(200);
    for (const line of lines) expect(() => parseJson(line)).not.toThrow();
  });

  it('hash-chains artifacts and continues the chain of an existing file', async () => {
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const path = join(dir, 'chain.jsonl');
    await new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path, {chain: {chainId: 'trail'}})}).enforce(invocation());
    await new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path, {chain: true})}).enforce(invocation());
    const links = readFileSync(path, 'utf8').trim().split('\n').map((line) => parseJson(line) as PyDict);
    expect(links.map((link) => [link.chain_id, link.chain_index])).toEqual([
      ['trail', 0],
      ['trail', 1],
    ]);
    expect(links[1].previous_audit_checksum).toBe(links[0].checksum);
    for (const link of links) expect(recomputeChecksum(link)).toBe(link.checksum);
  });
});
