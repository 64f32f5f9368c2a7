import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {generateAuditArtifact, MAX_CONTEXT_KEYS} from '../../src/pipeline/artifact.js';
import {type PyDict, pyKeys} from '../../src/python/values.js';

describe('generateAuditArtifact', () => {
  it('keeps the first context keys in insertion order, integer-like keys included', () => {
    const entries = Array.from({length: 130}, (_, i) => `"${i % 3 ? `k${i}` : i}": ${i}`);
    const context = parseJson(`{"tier": "gold", ${entries.join(', ')}}`) as PyDict;
    const invocation = {policy_file: 'p.yaml', model_provider: 'm', model_identifier: 'm', role: 'r', input: {}, output: {}, context};
    const artifact = generateAuditArtifact({invocation, policy: {}, enforcementResult: 'PASS', timestamp: 1700000000});
    const kept = pyKeys(artifact.context as PyDict);
    expect(kept).toHaveLength(MAX_CONTEXT_KEYS);
    expect(kept.slice(0, 5)).toEqual(['tier', '0', 'k1', 'k2', '3']);
    expect(kept.at(-1)).toBe('k98');
  });
});
