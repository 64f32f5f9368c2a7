import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {recomputeChecksum, verifyChain} from '../../src/audit/chain.js';
import {JsonFileAuditSink} from '../../src/audit/sinks.js';
import {parseJson} from '../../src/canonical/json.js';
import {AuditSinkError} from '../../src/errors.js';
import {type LogRecord, setLogHandler} from '../../src/logging.js';
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

describe('the chained JSONL file sink', () => {
  const records: LogRecord[] = [];
  afterEach(() => {
    setLogHandler(null);
    records.length = 0;
  });
  const linksIn = (path: string): PyDict[] =>
    readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => parseJson(line) as PyDict);

  it('commits concurrent enforcements together, each resolving only once its artifact is in the trail', async () => {
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const path = join(dir, 'chain.jsonl');
    const aigc = new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path, {chain: true})});
    const settled = await Promise.all(
      Array.from({length: 200}, (_, n) =>
        aigc.enforce(invocation({input: {n}})).then((artifact) => {
          const inTrail = linksIn(path).map((link) => link.input_checksum);
          expect(inTrail).toContain(artifact.input_checksum);
          return artifact;
        }),
      ),
    );
    expect(settled).toHaveLength(200);
    const trail = linksIn(path);
    expect(trail).toHaveLength(200);
    expect(verifyChain(trail)).toEqual({valid: true, errors: []});
  });

  it('writes before a synchronous enforcement returns', () => {
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const path = join(dir, 'chain.jsonl');
    const aigc = new Aigc({cwd: dir, clock, sink: new JsonFileAuditSink(path, {chain: true, durability: 'each'})});
    const artifact = aigc.enforceSync(invocation());
    expect(linksIn(path).map((link) => link.input_checksum)).toEqual([artifact.input_checksum]);
  });

  it("turns a PASS into a sink_emission FAIL in 'raise' mode when the trail cannot be written", async () => {
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const sink = new JsonFileAuditSink(join(dir, 'missing', 'chain.jsonl'), {chain: true});
    const error = await new Aigc({cwd: dir, clock, sink, onSinkFailure: 'raise'}).enforce(invocation()).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AuditSinkError);
    expect((error as AuditSinkError).auditArtifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'sink_emission'});
  });

  it("logs a failed group commit in 'log' mode and keeps the decision", async () => {
    setLogHandler((record) => records.push(record));
    const {dir} = policyFolder({'policy.yaml': PLANNER_POLICY});
    const sink = new JsonFileAuditSink(join(dir, 'missing', 'chain.jsonl'), {chain: true});
    const artifact = await new Aigc({cwd: dir, clock, sink}).enforce(invocation());
    expect(artifact.enforcement_result).toBe('PASS');
    expect(records).toContainEqual(expect.objectContaining({level: 'warn', logger: 'aigc.sinks', message: expect.stringContaining('Audit sink emit failed:')}));
  });
});
