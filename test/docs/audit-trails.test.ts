// docs/audit-trails.md: every artifact field is documented, and the page's
// command for checking an aigc trail with the Python reference does what the
// page says (where a checkout of the reference is named by AIGC_REFERENCE).
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {aigc, EXAMPLE_INVOCATIONS, EXAMPLE_POLICIES, REPO_ROOT, tempFolder} from '../cli/command-line.js';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'audit-trails.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'audit_artifact.schema.json'), 'utf8')) as {
  properties: Record<string, {properties?: Record<string, unknown>}>;
};
const KEY = 'doc-key';

const folders: Array<ReturnType<typeof tempFolder>> = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

const reference = process.env.AIGC_REFERENCE ?? '';
const python = reference && existsSync(reference) ? spawnSync('python3', ['-c', 'import aigc'], {env: {...process.env, PYTHONPATH: reference}}) : undefined;
const withReference = python?.status === 0;
const skipped = withReference ? '' : ' (skipped: set AIGC_REFERENCE to a checkout of nealsolves/aigc)';

/** A signed, chained trail of the example invocations, written by aigc enforce in a fresh folder. */
async function signedTrail(): Promise<string> {
  const folder = tempFolder('aigc-doc-');
  folders.push(folder);
  cpSync(EXAMPLE_POLICIES, join(folder.path, 'policies'), {recursive: true});
  mkdirSync(join(folder.path, 'fixtures', 'invocations'), {recursive: true});
  cpSync(EXAMPLE_INVOCATIONS, join(folder.path, 'fixtures', 'invocations', 'examples.jsonl'));
  const run = await aigc(['enforce', '--key-env', 'AIGC_KEY', '--chain', 'audit.jsonl', '--now', '1700000000', '--input', 'fixtures/invocations/examples.jsonl'], {
    cwd: folder.path,
    env: {AIGC_KEY: KEY},
  });
  expect(run.code, run.stderr).toBe(1);
  return folder.path;
}

function referenceCheck(folder: string): {status: number | null; stdout: string; stderr: string} {
  const block = /<!-- command: reference-verify -->\n```sh\n([\s\S]*?)\n```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/audit-trails.md has no reference-verify command');
  const script = block.replace('PYTHONPATH=path/to/nealsolves-aigc ', '');
  return spawnSync('bash', ['-c', script], {cwd: folder, encoding: 'utf8', env: {...process.env, PYTHONPATH: reference, AIGC_KEY: KEY}});
}

describe('docs/audit-trails.md', () => {
  it('documents every field of an artifact, of its metadata and of its provenance', () => {
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(doc, name).toContain(`\`${name}\``);
      for (const inner of Object.keys(property.properties ?? {})) expect(doc, `${name}.${inner}`).toContain(`\`${inner}\``);
    }
  });

  it.skipIf(!withReference)(`gives a command with which the reference verifies the chain and every signature of an aigc trail${skipped}`, async () => {
    const folder = await signedTrail();
    const check = referenceCheck(folder);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^chain [0-9a-f-]{36}: intact, 15\/15 signatures valid$/m);
    expect(check.status).toBe(0);
  });

  it.skipIf(!withReference)(`gives a command with which the reference finds one edited line of an aigc trail${skipped}`, async () => {
    const folder = await signedTrail();
    const trail = join(folder, 'audit.jsonl');
    const lines = readFileSync(trail, 'utf8').split('\n');
    lines[1] = (lines[1] as string).replace('"enforcement_result":"FAIL"', '"enforcement_result":"PASS"');
    writeFileSync(trail, lines.join('\n'));
    const check = referenceCheck(folder);
    expect(check.stdout).toContain("['Index 1: artifact checksum mismatch (artifact was modified)'], 14/15 signatures valid");
    expect(check.status).toBe(1);
  });

  it.skipIf(!withReference)(`is right that the reference's verify_artifact refuses a chained artifact as it is${skipped}`, async () => {
    const folder = await signedTrail();
    const check = spawnSync(
      'python3',
      ['-c', 'import json; from aigc import HMACSigner, verify_artifact; a = json.loads(open("audit.jsonl").readline()); print(verify_artifact(a, HMACSigner(b"doc-key")))'],
      {cwd: folder, encoding: 'utf8', env: {...process.env, PYTHONPATH: reference}},
    );
    expect(check.stdout.trim()).toBe('False');
  });
});
