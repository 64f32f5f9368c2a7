// `aigc schema NAME`: each shipped JSON Schema, byte for byte, for editors and validators.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, REPO_ROOT} from '../command-line.js';

const SCHEMAS = [
  {name: 'policy', file: 'policy_dsl.schema.json'},
  {name: 'audit-artifact', file: 'audit_artifact.schema.json'},
  {name: 'invocation', file: 'invocation.schema.json'},
  {name: 'policy-test-suite', file: 'policy_test_suite.schema.json'},
  {name: 'golden-fixture', file: 'golden_fixture.schema.json'},
  {name: 'replay-report', file: 'replay_report.schema.json'},
  {name: 'coverage-report', file: 'coverage-report.schema.json'},
  {name: 'config', file: 'aigc-config.schema.json'},
  {name: 'parquet', file: 'parquet_dataset.schema.json'},
];

describe('aigc schema', () => {
  it.each(SCHEMAS)('prints the $name schema as valid JSON with its $id', async ({name, file}) => {
    const run = await aigc(['schema', name]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const schema = JSON.parse(run.stdout);
    expect(schema.$id).toMatch(new RegExp(`/${file.replace(/\./g, '\\.')}$`));
    expect(schema).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8')));
  });

  it('refuses an unknown name with exit 2, listing the known ones', async () => {
    expectOneLineError(await aigc(['schema', 'nonsense']), 2, /nonsense.*policy, audit-artifact, invocation, policy-test-suite, golden-fixture, replay-report, coverage-report, config/);
  });

  it('asks for a name when none is given (exit 2)', async () => {
    expectOneLineError(await aigc(['schema']), 2, /^aigc schema: missing argument NAME: which schema$/);
  });
});
