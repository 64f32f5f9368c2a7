// A generated audit trail for compliance tests: artifacts whose provenance
// names earlier ones (and missing ones), with lines that are not artifacts
// (not JSON, Python-only whitespace, a lone CR) between them.
import {lineageKey} from '../../src/audit/lineage.js';
import {parseJson} from '../../src/canonical/json.js';
import type {PyDict} from '../../src/python/values.js';

/** A trail of artifacts whose provenance names earlier ones (and missing ones, and itself), with noise lines between. */
export function lineageTrail(count = 300): string {
  const base = {
    audit_schema_version: '1.4',
    policy_file: 'p.yaml',
    policy_schema_version: 'http://json-schema.org/draft-07/schema#',
    policy_version: '1',
    model_provider: 'openai',
    model_identifier: 'm',
    role: 'r',
    failures: [],
    input_checksum: 'a'.repeat(64),
    output_checksum: 'b'.repeat(64),
    context: {},
    metadata: {},
  };
  const lines: string[] = [];
  const keys: string[] = [];
  for (let n = 0; n < count; n++) {
    const parents = n % 3 === 0 ? [] : [keys[n - 1] ?? 'c'.repeat(64), n % 5 === 0 ? 'd'.repeat(64) : keys[Math.floor(n / 2)] ?? 'e'.repeat(64)];
    const artifact = {...base, enforcement_result: n % 4 === 0 ? 'FAIL' : 'PASS', timestamp: n % 50, provenance: parents.length > 0 ? {derived_from_audit_checksums: [...new Set(parents)]} : null};
    const line = JSON.stringify(artifact);
    lines.push(line);
    keys.push(lineageKey(parseJson(line) as PyDict));
    if (n % 17 === 0) lines.push('not json', '\u00a0{"role": "x"}\r{}', '');
  }
  return `${lines.join('\n')}\n`;
}
