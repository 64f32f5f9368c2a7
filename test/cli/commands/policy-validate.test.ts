// `aigc policy validate`: the reference's OK/FAIL lines, reasons on stderr,
// the effective policy with --print, --json, and date checks at --now.
import {realpathSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseAllDocuments} from 'yaml';
import {sharedRuns, tempFolder} from '../command-line.js';
import {CLEAN_POLICY, POLICY_WITH_FINDINGS} from './policies.js';

const BASE = `policy_version: "1.0"
roles: [agent, supervisor]
pre_conditions:
  required:
    ticket_id: {type: string}
`;

const CHILD = `extends: base.yaml
composition_strategy: intersect
policy_version: "1.1"
roles: [agent]
`;

/** Adds a role its base does not have: refused at load time, though its YAML and schema are fine. */
const ESCALATING_CHILD = `extends: base.yaml
composition_strategy: union
policy_version: "1.1"
roles: [agent, admin]
`;

const EXPIRING = `policy_version: "1.0"
roles: [agent]
effective_date: "2026-01-01"
expiration_date: "2026-06-30"
`;

/** YAML and schema are fine, and the reference says OK, but no output can ever be checked against it. */
const BAD_OUTPUT_SCHEMA = `policy_version: "1.0"
roles: [agent]
output_schema:
  type: objekt
`;

const INHERITS_BAD_OUTPUT_SCHEMA = `extends: bad-output-schema.yaml
policy_version: "1.1"
roles: [agent]
`;

let folder: ReturnType<typeof tempFolder>;

beforeAll(() => {
  folder = tempFolder();
  folder.file('base.yaml', BASE);
  folder.file('child.yaml', CHILD);
  folder.file('escalating.yaml', ESCALATING_CHILD);
  folder.file('expiring.yaml', EXPIRING);
  folder.file('bad.yaml', POLICY_WITH_FINDINGS);
  folder.file('clean.yaml', CLEAN_POLICY);
  folder.file('bad-output-schema.yaml', BAD_OUTPUT_SCHEMA);
  folder.file('orphan.yaml', 'extends: ./nope.yaml\npolicy_version: "1.0"\nroles: [agent]\n');
  folder.file('inherits-bad-output-schema.yaml', INHERITS_BAD_OUTPUT_SCHEMA);
});
afterAll(() => folder.remove());

const shared = sharedRuns();
const validate = (args: string[]) => shared(['policy', 'validate', ...args, '--now', '2026-03-01T00:00:00Z'], {cwd: folder.path});

describe('aigc policy validate', () => {
  it('prints `OK    file` for each valid policy and exits 0', async () => {
    const run = await validate(['clean.yaml', 'base.yaml', 'child.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('OK    clean.yaml\nOK    base.yaml\nOK    child.yaml\n');
    expect(run.stderr).toBe('');
  });

  it('prints `FAIL  file (lint)` for a schema error, with the reason on stderr', async () => {
    const run = await validate(['bad.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('FAIL  bad.yaml (lint)\n');
    expect(run.stderr).toMatch(/^ {2}bad\.yaml:\d+:\d+: guards\.0/m);
  });

  it('prints `FAIL  file (validate)` when only the full load fails', async () => {
    const run = await validate(['escalating.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('FAIL  escalating.yaml (validate)\n');
    expect(run.stderr).toMatch(/^ {2}escalating\.yaml: .*role/im);
  });

  it('fails an output_schema its metaschema refuses, in python-jsonschema\'s words, where it is written', async () => {
    const run = await validate(['bad-output-schema.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('FAIL  bad-output-schema.yaml (validate)\n');
    expect(run.stderr).toBe("  bad-output-schema.yaml:4:9: output_schema is not a valid JSON Schema: 'objekt' is not valid under any of the given schemas\n");
    expect(run.stderr).not.toMatch(/must be equal to one of the allowed values/);
  });

  it('fails a policy whose effective output_schema, inherited from its base, is refused (no place in the child)', async () => {
    const run = await validate(['inherits-bad-output-schema.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("  inherits-bad-output-schema.yaml: output_schema is not a valid JSON Schema: 'objekt' is not valid under any of the given schemas\n");
  });

  it('names the resolved path a missing base was looked for at', async () => {
    const run = await validate(['orphan.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`  orphan.yaml: Policy file does not exist: ${join(realpathSync(folder.path), 'nope.yaml')}\n`);
  });

  it('goes on after a failing file and fails the run', async () => {
    const run = await validate(['bad.yaml', 'clean.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('FAIL  bad.yaml (lint)\nOK    clean.yaml\n');
  });

  it('fails a missing file, naming it, and exits 3: it could not be read', async () => {
    const run = await validate(['missing.yaml']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('FAIL  missing.yaml (lint)\n');
    expect(run.stderr).toBe('  missing.yaml: file not found\n');
  });

  it('validates every policy below a folder', async () => {
    const run = await shared(['policy', 'validate', '.', '--now', '2026-03-01T00:00:00Z'], {cwd: folder.path});
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'FAIL  bad-output-schema.yaml (validate)',
      'FAIL  bad.yaml (lint)',
      'FAIL  escalating.yaml (validate)',
      'FAIL  inherits-bad-output-schema.yaml (validate)',
      'FAIL  orphan.yaml (validate)',
      'OK    base.yaml',
      'OK    child.yaml',
      'OK    clean.yaml',
      'OK    expiring.yaml',
    ]);
  });
});

describe('aigc policy validate --print', () => {
  it('prints the effective policy composed with its base, as YAML (the OK line on stderr)', async () => {
    const run = await validate(['child.yaml', '--print']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('OK    child.yaml\n');
    const [marker, ...yaml] = run.stdout.split('\n');
    expect(marker).toBe('--- # child.yaml');
    const effective = yaml.join('\n');
    expect(effective).toMatch(/^policy_version: "1\.1"$/m);
    expect(effective).toMatch(/^roles:\n {2}- agent\n(?! {2}- supervisor)/m);
    // The intersection keeps the base's preconditions.
    expect(effective).toMatch(/^ {4}ticket_id:$/m);
    expect(effective).not.toMatch(/^extends:/m);
  });

  it('writes a YAML stream: one document per valid file, each opened by `--- # file`, verdicts on stderr only', async () => {
    const run = await validate(['clean.yaml', 'bad.yaml', 'child.yaml', '--print']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^OK {4}clean\.yaml\nFAIL {2}bad\.yaml \(lint\)\nOK {4}child\.yaml\n/);
    expect(run.stdout).not.toMatch(/^(OK|FAIL) /m);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('---'))).toEqual(['--- # clean.yaml', '--- # child.yaml']);
    const documents = parseAllDocuments(run.stdout);
    if (!Array.isArray(documents)) throw new Error('stdout is an empty YAML stream');
    const values = documents.map((document) => {
      expect(document.errors).toEqual([]);
      return document.toJS();
    });
    expect(values).toHaveLength(2);
    expect(values[1]).toMatchObject({policy_version: '1.1', roles: ['agent']});
  });

  it('prints the effective policy as JSON with --json', async () => {
    const run = await validate(['child.yaml', '--print', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.files[0].policy).toMatchObject({policy_version: '1.1', roles: ['agent'], pre_conditions: {required: {ticket_id: {type: 'string'}}}});
  });
});

describe('aigc policy validate --json', () => {
  it('gives each file its verdict, stage and errors', async () => {
    const run = await validate(['clean.yaml', 'bad.yaml', 'escalating.yaml', '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.files.map((file: {file: string; ok: boolean; stage: string | null}) => [file.file, file.ok, file.stage])).toEqual([
      ['clean.yaml', true, null],
      ['bad.yaml', false, 'lint'],
      ['escalating.yaml', false, 'validate'],
    ]);
    expect(report.files[1].errors.length).toBeGreaterThan(0);
  });
});

describe('aigc policy validate --now', () => {
  const at = (now: string) => shared(['policy', 'validate', 'expiring.yaml', '--now', now], {cwd: folder.path});

  it('accepts a policy on its expiration day', async () => {
    expect((await at('2026-06-30T23:59:59Z')).code).toBe(0);
  });

  it('fails it the day after, saying it expired', async () => {
    const run = await at('2026-07-01T00:00:00Z');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('FAIL  expiring.yaml (validate)\n');
    expect(run.stderr).toMatch(/expired.*2026-06-30/i);
  });

  it('fails it before its effective date', async () => {
    const run = await at('1767139200'); // 2025-12-31T00:00:00Z as epoch seconds
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not yet (active|effective)|effective/i);
  });

  it('refuses a malformed instant (exit 2)', async () => {
    const run = await at('next tuesday');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^aigc policy validate: --now must be epoch seconds/);
  });
});
