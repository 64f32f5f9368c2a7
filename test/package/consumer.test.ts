// The package as npm publishes it: `npm pack` of the built tree, unpacked into
// a TypeScript consumer's node_modules (offline: the consumer's other
// packages are links to this project's), then compiled with
// `moduleResolution: nodenext` and run.
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {REPO_ROOT} from '../cli-e2e/cli.js';

const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  types: string;
  exports: Record<string, {types?: string; import?: string}>;
};

const workspace = mkdtempSync(join(tmpdir(), 'aigc-package-'));
const consumer = join(workspace, 'consumer');
const installed = join(consumer, 'node_modules', 'aigc');
let packedFiles: string[];

/** Links a package of this project's node_modules into the consumer's (a scoped name gets its scope folder). */
function linkPackage(name: string): void {
  const target = join(consumer, 'node_modules', name);
  mkdirSync(join(target, '..'), {recursive: true});
  symlinkSync(join(REPO_ROOT, 'node_modules', name), target, 'dir');
}

beforeAll(async () => {
  const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', workspace], {cwd: REPO_ROOT});
  const [pack] = JSON.parse(stdout) as {filename: string; files: {path: string}[]}[];
  packedFiles = pack.files.map((file) => file.path);
  mkdirSync(installed, {recursive: true});
  await run('tar', ['-xzf', join(workspace, pack.filename), '-C', installed, '--strip-components=1']);
  for (const name of [...Object.keys(packageJson.dependencies), '@types/node']) linkPackage(name);
  writeFileSync(join(consumer, 'package.json'), '{"name": "consumer", "private": true, "type": "module"}\n');
}, 120000);

afterAll(() => rmSync(workspace, {recursive: true, force: true}));

const CONSUMER_TS = `import {Aigc, AigcError, type AigcOptions, type AuditArtifact, enforce, HmacSigner, type Invocation, type PyDict, PolicyTestCase, AuditLineage} from 'aigc';

const options: AigcOptions = {signer: new HmacSigner('key'), clock: () => 1700000000, cwd: 'node_modules/aigc'};
const engine: Aigc = new Aigc(options);
const invocation: PyDict = {
  policy_file: 'policies/support-assistant.yaml',
  model_provider: 'anthropic',
  model_identifier: 'claude-sonnet',
  role: 'agent',
  input: {},
  context: {customer_verified: true, ticket_id: 'TCK-000123'},
  output: {answer: 'Hello', confidence: 0.9, escalate: false},
};
const artifact: PyDict = enforce(invocation, {cwd: 'node_modules/aigc'});
const pending: Promise<PyDict> = engine.enforce(invocation);
const failure: string | null = new PolicyTestCase({name: 'n', policyFile: 'p.yaml'}).run().failureGate;
new AuditLineage().addArtifact(artifact);
void pending;
void failure;
void (null as unknown as AigcError).auditArtifact;

// The types are real, not \`any\`: a wrong option type is refused.
// @ts-expect-error strictMode is a boolean
new Aigc({strictMode: 'yes'});

// Invocations and artifacts have the types generated from the package's schemas.
const typed: Invocation = {
  policy_file: 'policies/support-assistant.yaml',
  model_provider: 'anthropic',
  model_identifier: 'claude-sonnet',
  role: 'agent',
  input: {question: 'Where is my order?'},
  context: {customer_verified: true, ticket_id: 'TCK-000123', session: 'free-form keys are allowed'},
  output: {answer: 'Hello', confidence: 0.9, escalate: false},
};
const decided: AuditArtifact = enforce(typed, {cwd: 'node_modules/aigc'});
const verdict: 'PASS' | 'FAIL' = decided.enforcement_result;
const mode: 'unified' | 'split' | 'split_pre_call_only' | undefined = decided.metadata.enforcement_mode;
void [verdict, mode, decided.metadata.gates_evaluated];
// @ts-expect-error an invocation names its policy file
const incomplete: Invocation = {model_provider: 'm', model_identifier: 'm', role: 'r', input: {}, context: {}};
void incomplete;
`;

const CONSUMER_RUN = `import assert from 'node:assert/strict';
import {Aigc, enforce, isOtelAvailable} from 'aigc';

// @opentelemetry/api is an optional peer, not installed here: telemetry is a no-op.
assert.equal(isOtelAvailable(), false);

const invocation = {
  policy_file: 'policies/support-assistant.yaml',
  model_provider: 'anthropic',
  model_identifier: 'claude-sonnet',
  role: 'agent',
  input: {},
  context: {customer_verified: true, ticket_id: 'TCK-000123'},
  output: {answer: 'Hello', confidence: 0.9, escalate: false},
};
assert.equal(enforce(invocation, {cwd: 'node_modules/aigc'}).enforcement_result, 'PASS');
await assert.rejects(new Aigc({cwd: 'node_modules/aigc'}).enforce({...invocation, role: 'intern'}), {code: 'ROLE_NOT_ALLOWED'});
`;

describe('the npm package', () => {
  it('declares its types and entry in dist/src, and ships them with the schemas, policies and manifest', () => {
    expect(packageJson.types).toBe('./dist/src/index.d.ts');
    expect(packageJson.exports['.']).toEqual({types: './dist/src/index.d.ts', import: './dist/src/index.js'});
    for (const file of [
      'package.json',
      'bin/run.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'bin/bundle-loader.js',
      'dist/aigc.bundle.cjs',
      'dist/bundle-cache/enforce.cache',
      'oclif.manifest.json',
      'schemas/policy_dsl.schema.json',
      'schemas/audit_artifact.schema.json',
      'policies/support-assistant.yaml',
    ]) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((file) => file.startsWith('test/') || file.startsWith('dist/test/') || file.startsWith('src/'))).toEqual([]);
  });

  it('type-checks a TypeScript consumer importing from aigc (nodenext)', async () => {
    writeFileSync(join(consumer, 'consumer.ts'), CONSUMER_TS);
    const tsconfig = {
      compilerOptions: {target: 'ES2022', lib: ['ES2024'], module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: ['node']},
      files: ['consumer.ts'],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig));
    const result = await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], {
      cwd: consumer,
    }).catch((error) => error);
    expect(result.stdout ?? '').toBe('');
  }, 120000);

  it('runs for a consumer: the library enforces with the packaged policies and schemas', async () => {
    writeFileSync(join(consumer, 'consumer.mjs'), CONSUMER_RUN);
    const result = await run(process.execPath, ['consumer.mjs'], {cwd: consumer}).catch((error) => error);
    expect(result.stderr ?? '').toBe('');
    expect(result.code ?? 0).toBe(0);
  });

  it('runs its CLI from the package, with the manifest and schemas', async () => {
    const {stdout} = await run(process.execPath, [join(installed, 'bin', 'run.js'), 'schema', 'policy'], {cwd: consumer});
    expect(JSON.parse(stdout).$schema).toMatch(/json-schema\.org/);
  });
});
