// The package as a user gets it: a clean copy of the checkout (the files git
// tracks or would track, no dist/) packed with `npm pack`, which builds first
// (prepack); the tarball installed into an empty folder outside the project
// with `npm ci --offline` from a lockfile made of this project's pinned
// dependencies (no link into this tree); then every command run from the
// installed bin, and a TypeScript consumer compiled against the package's types.
import {execFile} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {REPO_ROOT, type SpawnedRun, spawnAigc} from '../cli-e2e/cli.js';

const run = promisify(execFile);

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, unknown>;
  types: string;
  exports: Record<string, {types?: string; import?: string}>;
};
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {packages: Record<string, LockEntry>};

const workspace = mkdtempSync(join(tmpdir(), 'aigc-package-'));
const checkout = join(workspace, 'checkout');
const consumer = join(workspace, 'consumer');
const installed = join(consumer, 'node_modules', 'aigc');
const bin = join(consumer, 'node_modules', '.bin', 'aigc');
const tarball = `${packageJson.name}-${packageJson.version}.tgz`;
let packedFiles: string[];

/** The checkout as git has it, with the changes not yet committed: tracked and untracked files, nothing ignored. */
async function copyCheckout(): Promise<void> {
  const {stdout} = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024});
  for (const file of stdout.split('\0').filter((name) => name !== '' && existsSync(join(REPO_ROOT, name)))) {
    mkdirSync(dirname(join(checkout, file)), {recursive: true});
    cpSync(join(REPO_ROOT, file), join(checkout, file));
  }
  // The build's tools (tsc, esbuild) are this project's installed dependencies, as after `npm ci` in the clone.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
}

/**
 * The consumer's lockfile: the tarball, every package this project's lockfile
 * pins for production, and @types/node for the TypeScript consumer, so the
 * install needs nothing that is not in npm's cache after this project's `npm ci`.
 */
function writeConsumer(): void {
  const typesNode = lock.packages['node_modules/@types/node'];
  const root = {name: 'consumer', private: true, type: 'module', dependencies: {aigc: `file:../${tarball}`}, devDependencies: {'@types/node': typesNode.version}};
  const packages: Record<string, unknown> = {
    '': {name: root.name, dependencies: root.dependencies, devDependencies: root.devDependencies},
    'node_modules/aigc': {
      version: packageJson.version,
      resolved: `file:../${tarball}`,
      license: packageJson.license,
      dependencies: packageJson.dependencies,
      peerDependencies: packageJson.peerDependencies,
      peerDependenciesMeta: packageJson.peerDependenciesMeta,
      bin: packageJson.bin,
      engines: packageJson.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.link || entry.dev) continue;
    const {devOptional: _devOptional, ...production} = entry;
    packages[path] = production;
  }
  for (const path of ['node_modules/@types/node', 'node_modules/undici-types']) packages[path] = lock.packages[path];
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify(root, null, 2)}\n`);
  writeFileSync(join(consumer, 'package-lock.json'), `${JSON.stringify({name: root.name, lockfileVersion: 3, requires: true, packages}, null, 2)}\n`);
}

async function install(): Promise<void> {
  const npmCi = (mode: string) => run('npm', ['ci', mode, '--no-audit', '--no-fund'], {cwd: consumer});
  // Offline from npm's cache; a cache that lacks a package (another cache folder) fetches it from the registry.
  await npmCi('--offline').catch((error: {stderr?: string}) => {
    if (!/ENOTCACHED/.test(error.stderr ?? '')) throw error;
    return npmCi('--prefer-offline');
  });
}

/** The user's own copies of the packaged policies, an invocation stream, a suite and a golden fixture. */
function writeUserFiles(): void {
  cpSync(join(installed, 'policies'), join(consumer, 'policies'), {recursive: true});
  cpSync(join(REPO_ROOT, 'fixtures', 'invocations', 'examples.jsonl'), join(consumer, 'invocations.jsonl'));
  const suite = readFileSync(join(REPO_ROOT, 'fixtures', 'suites', 'support-assistant.test.yaml'), 'utf8');
  writeFileSync(join(consumer, 'support.test.yaml'), suite.replace(/^policy: .*$/m, 'policy: policies/support-assistant.yaml').replace(/^# yaml-language-server.*\n/, ''));
  cpSync(join(REPO_ROOT, 'fixtures', 'golden', 'support-intern-is-refused.json'), join(consumer, 'golden.json'));
}

beforeAll(async () => {
  await copyCheckout();
  expect(existsSync(join(checkout, 'dist'))).toBe(false);
  await run('npm', ['pack', '--pack-destination', workspace], {cwd: checkout, maxBuffer: 64 * 1024 * 1024});
  const {stdout} = await run('tar', ['-tzf', join(workspace, tarball)], {maxBuffer: 64 * 1024 * 1024});
  packedFiles = stdout
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
  writeConsumer();
  await install();
  writeUserFiles();
}, 600000);

afterAll(() => rmSync(workspace, {recursive: true, force: true}));

/** `aigc ARGS…` from the installed package's bin, in the consumer's folder. */
const aigc = (args: string[], input?: string): Promise<SpawnedRun> => spawnAigc(args, {bin, cwd: consumer, input, timeoutMs: 60000});

/** Runs once, on first use: several tests read the trail one run writes. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

const enforced = once(() => aigc(['enforce', '--now', '1700000000', '--input', 'invocations.jsonl', '--record', 'recorded.jsonl']));
const appended = once(async () => aigc(['chain', 'append', 'trail.jsonl'], (await enforced()).stdout));
const keyed = once(async () => {
  const made = await aigc(['chain', 'keygen', 'consumer.example/audit', '-o', 'log']);
  const witness = await aigc(['chain', 'keygen', 'witness.example', '--witness', '-o', 'witness']);
  expect(witness.code, witness.stderr).toBe(0);
  return made;
});
/** The trail, its signed checkpoint (trail.cp) and the key pair log.key/log.pub. */
const checkpointed = once(async () => {
  await appended();
  await keyed();
  return aigc(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key', '-o', 'trail.cp']);
});
const proven = once(async () => {
  await checkpointed();
  return aigc(['chain', 'prove', 'trail.jsonl', '--index', '2', '--checkpoint', 'trail.cp', '-o', 'line-3.proof']);
});
const consistent = once(async () => {
  await checkpointed();
  const old = await aigc(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key', '--size', '5', '-o', 'old.cp']);
  expect(old.code, old.stderr).toBe(0);
  return aigc(['chain', 'consistency', 'trail.jsonl', '--from', 'old.cp', '--to', 'trail.cp', '-o', 'old-new.proof']);
});
const lineOf = (file: string, index: number): string => readFileSync(join(consumer, file), 'utf8').split('\n')[index];

/** What each command is run with in the consumer's folder, and what it must answer: one entry per command of the package. */
const COMMAND_RUNS: Record<string, () => Promise<{run: SpawnedRun; code: number; stdout: RegExp}>> = {
  enforce: async () => ({run: await enforced(), code: 1, stdout: /^\{"audit_schema_version":"1\.4"/}),
  'chain:append': async () => ({run: await appended(), code: 0, stdout: /^$/}),
  'chain:verify': async () => {
    await appended();
    return {run: await aigc(['chain', 'verify', 'trail.jsonl', '-f', 'text']), code: 0, stdout: /15\/15 artifacts intact/};
  },
  'chain:keygen': async () => ({run: await keyed(), code: 0, stdout: /^consumer\.example\/audit\+[0-9a-f]{8}\+/}),
  'chain:checkpoint': async () => ({run: await checkpointed(), code: 0, stdout: /^$/}),
  'chain:prove': async () => ({run: await proven(), code: 0, stdout: /^$/}),
  'chain:verify-proof': async () => {
    await proven();
    return {run: await aigc(['chain', 'verify-proof', 'line-3.proof', '-', '--pubkey', 'log.pub'], lineOf('trail.jsonl', 2)), code: 0, stdout: /verified: leaf 2 is in the tree of 15 leaves/};
  },
  'chain:consistency': async () => ({run: await consistent(), code: 0, stdout: /^$/}),
  'chain:verify-consistency': async () => {
    await consistent();
    return {run: await aigc(['chain', 'verify-consistency', '--pubkey', 'log.pub', 'old.cp', 'trail.cp', 'old-new.proof']), code: 0, stdout: /verified/};
  },
  'chain:cosign': async () => {
    await checkpointed();
    const request = await aigc(['chain', 'consistency', 'trail.jsonl', '--to', 'trail.cp', '-o', 'request.proof']);
    expect(request.code, request.stderr).toBe(0);
    return {
      run: await aigc(['chain', 'cosign', 'request.proof', '--key-file', 'witness.key', '--pubkey', 'log.pub', '--state', 'witness.state', '-o', 'cosigned.cp']),
      code: 0,
      stdout: /^$/,
    };
  },
  'compliance:verify-attestation': async () => {
    await checkpointed();
    const attested = await aigc(['compliance', 'export', 'trail.jsonl', '-o', 'report.json', '--attest', '--key-file', 'log.key']);
    expect(attested.code, attested.stderr).toBe(0);
    return {run: await aigc(['compliance', 'verify-attestation', 'report.json.intoto.json', '--pubkey', 'log.pub', 'report.json', '-i', 'trail.jsonl']), code: 0, stdout: /verified/};
  },
  'chain:verify-summaries': async () => {
    await appended();
    const summary = await aigc(['chain', 'verify', 'trail.jsonl', '--summary-json', 'trail.summary.json']);
    expect(summary.code, summary.stderr).toBe(0);
    return {run: await aigc(['chain', 'verify-summaries', 'trail.summary.json']), code: 0, stdout: /"valid": ?true/};
  },
  'export:parquet': async () => {
    await appended();
    const run = await aigc(['export', 'parquet', 'trail.jsonl', '-o', 'dataset']);
    // DuckDB is an optional dependency: without it the command says so in one line (exit 3).
    const withoutDuckDb = /need DuckDB/.test(run.stderr);
    return {run, code: withoutDuckDb ? 3 : 0, stdout: /^$/};
  },
  init: async () => {
    const made = await aigc(['init', 'starter']);
    expect(made.code, made.stderr).toBe(0);
    return {run: await aigc(['policy', 'lint', 'starter/policies', '-f', 'text']), code: 0, stdout: /^$/};
  },
  'compliance:export': async () => {
    await appended();
    return {run: await aigc(['compliance', 'export', '-i', 'trail.jsonl']), code: 0, stdout: /"total_artifacts": 15/};
  },
  'policy:lint': async () => ({run: await aigc(['policy', 'lint', 'policies', '-f', 'text']), code: 0, stdout: /^$/}),
  'policy:validate': async () => ({run: await aigc(['policy', 'validate', 'policies']), code: 0, stdout: /^OK {4}policies\/support-assistant\.yaml$/m}),
  'policy:test': async () => ({run: await aigc(['policy', 'test', 'support.test.yaml', '-f', 'text']), code: 0, stdout: /\d+ passed, 0 failed/}),
  replay: async () => {
    await enforced();
    const golden = await aigc(['replay', 'golden.json', '-f', 'text']);
    expect(golden.code, golden.stderr).toBe(0);
    return {run: await aigc(['replay', 'recorded.jsonl', '-f', 'text', '--update=none']), code: 0, stdout: /15 passed, 0 failed/};
  },
  schema: async () => ({run: await aigc(['schema', 'policy']), code: 0, stdout: /"\$schema": "http:\/\/json-schema\.org\/draft-07\/schema#"/}),
  help: async () => {
    const root = await aigc(['--help']);
    expect(root.stdout).toMatch(/^TOPICS\n[\s\S]*^COMMANDS\n/m);
    return {run: await aigc(['help', 'policy', 'lint']), code: 0, stdout: /^USAGE\n {2}\$ aigc policy lint /m};
  },
  version: async () => {
    const short = await aigc(['-v']);
    expect(short.stdout).toBe(`aigc/${packageJson.version} ${process.platform}-${process.arch} node-${process.version}\n`);
    return {run: await aigc(['version']), code: 0, stdout: new RegExp(`^aigc/${packageJson.version} `)};
  },
  autocomplete: async () => {
    const zsh = await aigc(['autocomplete', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef aigc\n/);
    return {run: await aigc(['autocomplete', 'bash']), code: 0, stdout: /^complete -o filenames -o bashdefault -F _aigc aigc$/m};
  },
};

describe('the npm package, packed from a clean checkout', () => {
  it('builds before packing, and holds what the installed CLI and library need and nothing else', () => {
    expect(packageJson.types).toBe('./dist/src/index.d.ts');
    expect(packageJson.exports['.']).toEqual({types: './dist/src/index.d.ts', import: './dist/src/index.js'});
    for (const file of [
      'package.json',
      'LICENSE',
      'README.md',
      'bin/run.js',
      'bin/bundle-loader.js',
      'bin/bundle-worker.js',
      'dist/aigc.bundle.cjs',
      'dist/bundle-cache/start.cache',
      'dist/bundle-cache/enforce.cache',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'oclif.manifest.json',
      'schemas/policy_dsl.schema.json',
      'schemas/audit_artifact.schema.json',
      'policies/support-assistant.yaml',
    ]) {
      expect(packedFiles).toContain(file);
    }
    // bin/dev.js needs tsx and src/; source maps point into src/, which is not shipped.
    expect(packedFiles.filter((file) => file === 'bin/dev.js' || file.endsWith('.map'))).toEqual([]);
    expect(packedFiles.filter((file) => /^(src|test|scripts|fixtures|commands|examples|docs)\//.test(file) || file.startsWith('dist/test/'))).toEqual([]);
  });

  it('ships an MIT LICENSE, as package.json declares', () => {
    expect(packageJson.license).toBe('MIT');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it('is installed on its own: no file of the package links back into the project', () => {
    const links = readdirSync(join(consumer, 'node_modules'), {recursive: true, withFileTypes: true}).filter((entry) => entry.isSymbolicLink());
    expect(links.map((entry) => join(entry.parentPath, entry.name)).filter((path) => !path.startsWith(join(consumer, 'node_modules', '.bin')))).toEqual([]);
  });

  it('runs every command the package has', async () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>};
    expect(Object.keys(COMMAND_RUNS).sort()).toEqual(Object.keys(manifest.commands).sort());
  });

  it('decides on worker threads started from the installed bundle, writing what one thread writes', async () => {
    // Many batches of the consumer's invocations, so the worker decides some of them.
    const invocations = readFileSync(join(consumer, 'invocations.jsonl'), 'utf8');
    writeFileSync(join(consumer, 'many.jsonl'), invocations.repeat(Math.ceil((1024 * 1024) / invocations.length)));
    const [one, two] = await Promise.all(['1', '2'].map((threads) => aigc(['enforce', '--now', '1700000000', '--input', 'many.jsonl', '--threads', threads])));
    expect([two.code, two.stderr]).toEqual([one.code, '']);
    expect(two.stdout.length).toBeGreaterThan(1024 * 1024);
    expect(two.stdout).toBe(one.stdout);
  });

  it.each(Object.keys(COMMAND_RUNS))('runs aigc %s from the installed bin', async (id) => {
    const {run: done, code, stdout} = await COMMAND_RUNS[id]();
    expect(done.code, done.stderr).toBe(code);
    expect(done.stdout).toMatch(stdout);
    expect(done.stderr).not.toMatch(/\n\s+at |ModuleLoadError|Cannot find module/);
  });
});

/** An invocation that passes policies/support-assistant.yaml, as the consumers write it. */
const SUPPORT_INVOCATION = `{
  policy_file: 'policies/support-assistant.yaml',
  model_provider: 'anthropic',
  model_identifier: 'claude-sonnet',
  role: 'agent',
  input: {},
  context: {customer_verified: true, ticket_id: 'TCK-000123'},
  output: {answer: 'Hello', confidence: 0.9, escalate: false},
}`;

const CONSUMER_TS = `import {Aigc, AigcError, type AigcOptions, type AuditArtifact, enforce, HmacSigner, type Invocation, type PyDict, PolicyTestCase, AuditLineage} from 'aigc';

const options: AigcOptions = {signer: new HmacSigner('key'), clock: () => 1700000000};
const engine: Aigc = new Aigc(options);
const invocation: PyDict = ${SUPPORT_INVOCATION};
const artifact: PyDict = enforce(invocation);
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
const decided: AuditArtifact = enforce(typed);
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

const invocation = ${SUPPORT_INVOCATION};
assert.equal(enforce(invocation).enforcement_result, 'PASS');
await assert.rejects(new Aigc().enforce({...invocation, role: 'intern'}), {code: 'ROLE_NOT_ALLOWED'});
`;

describe('the library, installed from the package', () => {
  it('type-checks a TypeScript consumer importing from aigc (nodenext, strict, the library checked too)', async () => {
    writeFileSync(join(consumer, 'consumer.ts'), CONSUMER_TS);
    const tsconfig = {
      compilerOptions: {target: 'ES2022', lib: ['ES2024'], module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: ['node']},
      files: ['consumer.ts'],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig));
    // The compiler is this project's; what it compiles and resolves is the consumer's alone.
    const result = await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], {cwd: consumer}).catch(
      (error) => error,
    );
    expect(result.stdout ?? '').toBe('');
  }, 120000);

  it('runs for a consumer: the library enforces with the packaged policies and schemas', async () => {
    writeFileSync(join(consumer, 'consumer.mjs'), CONSUMER_RUN);
    const result = await run(process.execPath, ['consumer.mjs'], {cwd: consumer}).catch((error) => error);
    expect(result.stderr ?? '').toBe('');
    expect(result.code ?? 0).toBe(0);
  });
});
