// `aigc init [DIR]`: a starting project that passes its own checks, its
// schemas resolvable from inside it, and no file overwritten without --force.
import {copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {Ajv} from 'ajv';
import {afterEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {schemaStoreValidator} from '../../github/schemastore.js';
import {aigc, EXAMPLE_POLICIES, expectOneLineError, tempFolder} from '../command-line.js';

const folders: Array<ReturnType<typeof tempFolder>> = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

async function initialised(): Promise<string> {
  const folder = tempFolder('aigc-init-');
  folders.push(folder);
  const run = await aigc(['init', 'project'], {cwd: folder.path});
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return join(folder.path, 'project');
}

/** The `aigc …` command lines of the workflow's `run:` steps, as argument lists. */
function workflowCommands(project: string): string[][] {
  const workflow = parse(readFileSync(join(project, '.github/workflows/aigc.yml'), 'utf8'));
  const steps: Array<{run?: string}> = Object.values(workflow.jobs as Record<string, {steps: Array<{run?: string}>}>).flatMap((job) => job.steps);
  return steps.flatMap((step) => (step.run?.startsWith('aigc ') ? [step.run.trim().split(/\s+/).slice(1)] : []));
}

/** Where a file says its schema is: a yaml-language-server line or a `$schema` key, resolved from the file's folder. */
function declaredSchema(file: string): string {
  const text = readFileSync(file, 'utf8');
  const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
  const reference = modeline ?? (JSON.parse(text) as {$schema: string}).$schema;
  return resolve(dirname(file), reference);
}

describe('aigc init', () => {
  it('writes a project whose policies lint clean, whose tests pass at the coverage threshold and whose fixtures replay', async () => {
    const project = await initialised();
    const lint = await aigc(['policy', 'lint', 'policies'], {cwd: project});
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stderr).toMatch(/0 errors, 0 warnings in 1 file/);
    const test = await aigc(['policy', 'test', 'tests', '--threshold', '100', '-f', 'text'], {cwd: project});
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/8 passed, 0 failed/);
    expect(test.stdout).toMatch(/coverage: (\d+)\/\1 outcomes \(100/);
    const replay = await aigc(['replay', 'fixtures/golden'], {cwd: project, env: {CI: 'true'}});
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/2 passed, 0 failed/);
  });

  it('writes a workflow whose lint, test and replay steps pass in the project, as CI runs them', async () => {
    const project = await initialised();
    const commands = workflowCommands(project);
    expect(commands.map((args) => args.slice(0, 2).join(' '))).toEqual(['policy lint', 'policy test', 'replay fixtures/golden']);
    expect(commands[0]).toEqual(expect.arrayContaining(['-f', 'sarif', '-o']));
    expect(commands[1]).toEqual(expect.arrayContaining(['-f', 'junit', '--threshold']));
    for (const args of commands) {
      const run = await aigc(args, {cwd: project, env: {CI: 'true'}});
      expect(run.code, `aigc ${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(project, 'aigc-lint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(project, 'aigc-tests.xml'), 'utf8')).toMatch(/<testsuites[^>]* failures="0"/);
  });

  it('writes a workflow that is valid by the published GitHub workflow schema', async () => {
    const project = await initialised();
    const validate = schemaStoreValidator('github-workflow');
    const workflow = parse(readFileSync(join(project, '.github/workflows/aigc.yml'), 'utf8'));
    expect(validate(workflow), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('points every policy, suite and fixture at a schema inside the project that the file satisfies', async () => {
    const project = await initialised();
    const files = ['policies/assistant.yaml', 'tests/assistant.test.yaml', 'fixtures/golden/agent-answers.json', 'fixtures/golden/intern-refused.json'];
    for (const name of files) {
      const file = join(project, name);
      const schemaFile = declaredSchema(file);
      expect(schemaFile.startsWith(`${project}/schemas/`), `${name} → ${schemaFile}`).toBe(true);
      const validate = new Ajv({strict: false, allErrors: true}).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
      const document = name.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : parse(readFileSync(file, 'utf8'));
      expect(validate(document), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('gives the example policies shipped with aigc, copied into its policies folder, the schema they name', async () => {
    const project = await initialised();
    const shipped = readdirSync(EXAMPLE_POLICIES).filter((name) => name.endsWith('.yaml'));
    expect(shipped.length).toBeGreaterThan(0);
    for (const name of shipped) {
      copyFileSync(join(EXAMPLE_POLICIES, name), join(project, 'policies', name));
      expect(existsSync(declaredSchema(join(project, 'policies', name))), name).toBe(true);
    }
  });

  it('writes the schemas as aigc schema prints them', async () => {
    const project = await initialised();
    for (const [name, file] of [
      ['policy', 'policy_dsl.schema.json'],
      ['policy-test-suite', 'policy_test_suite.schema.json'],
      ['golden-fixture', 'golden_fixture.schema.json'],
      ['config', 'aigc-config.schema.json'],
    ]) {
      expect(readFileSync(join(project, 'schemas', file), 'utf8')).toBe((await aigc(['schema', name])).stdout);
    }
  });

  it('writes a project config that tells lint its policies and suites and gives policy test its coverage threshold', async () => {
    const project = await initialised();
    const lint = await aigc(['policy', 'lint', '.', '--json'], {cwd: project});
    expect(lint.code, lint.stderr).toBe(0);
    // The policy is linted as a policy and the suite as a suite; nothing else is read.
    expect(JSON.parse(lint.stdout).files.map((file: {file: string}) => file.file)).toEqual(['policies/assistant.yaml', 'tests/assistant.test.yaml']);
    const config = readFileSync(join(project, '.aigc.yaml'), 'utf8');
    expect(config).toMatch(/^test:\n {2}threshold: \d+$/m);
    // With the config's threshold at 100% and one case removed, the run fails: the config's value is the one applied.
    const strict = tempFolder('aigc-init-');
    folders.push(strict);
    expect((await aigc(['init', strict.path])).code).toBe(0);
    writeFileSync(join(strict.path, '.aigc.yaml'), config.replace(/^( {2}threshold:) \d+$/m, '$1 100'));
    writeFileSync(join(strict.path, 'tests/assistant.test.yaml'), readFileSync(join(strict.path, 'tests/assistant.test.yaml'), 'utf8').replace(/\n {2}- name: [^\n]*exceeds the limit[\s\S]*?(?=\n {2}- name: |$)/, ''));
    const tested = await aigc(['policy', 'test', 'tests'], {cwd: strict.path});
    expect(tested.code, tested.stdout + tested.stderr).toBe(1);
    expect(tested.stdout + tested.stderr).toMatch(/threshold/);
  });

  it('writes into the working folder when no folder is given', async () => {
    const folder = tempFolder('aigc-init-');
    folders.push(folder);
    const run = await aigc(['init'], {cwd: folder.path});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wrote policies\/assistant\.yaml$/m);
    expect(run.stdout).not.toMatch(/cd /);
    expect(existsSync(join(folder.path, '.github/workflows/aigc.yml'))).toBe(true);
  });

  it('refuses to overwrite an existing file without --force, naming it and changing nothing', async () => {
    const folder = tempFolder('aigc-init-');
    folders.push(folder);
    folder.file('edited.yaml', 'kept\n');
    const first = await aigc(['init'], {cwd: folder.path});
    expect(first.code).toBe(0);
    writeFileSync(join(folder.path, 'policies/assistant.yaml'), '# mine\n');
    const again = await aigc(['init'], {cwd: folder.path});
    expectOneLineError(again, 2, /^aigc init: would overwrite policies\/assistant\.yaml, tests\/assistant\.test\.yaml, .*--force/);
    expect(again.stdout).toBe('');
    expect(readFileSync(join(folder.path, 'policies/assistant.yaml'), 'utf8')).toBe('# mine\n');
  });

  it('overwrites the starter files with --force and leaves other files alone', async () => {
    const folder = tempFolder('aigc-init-');
    folders.push(folder);
    folder.file('edited.yaml', 'kept\n');
    expect((await aigc(['init'], {cwd: folder.path})).code).toBe(0);
    const original = readFileSync(join(folder.path, 'policies/assistant.yaml'), 'utf8');
    writeFileSync(join(folder.path, 'policies/assistant.yaml'), '# mine\n');
    const forced = await aigc(['init', '--force'], {cwd: folder.path});
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(folder.path, 'policies/assistant.yaml'), 'utf8')).toBe(original);
    expect(readFileSync(join(folder.path, 'edited.yaml'), 'utf8')).toBe('kept\n');
  });

  it('shows a folder name with control characters escaped, never sending them to the terminal', async () => {
    const folder = tempFolder('aigc-init-');
    folders.push(folder);
    const run = await aigc(['init', 'new\u001b[31mred'], {cwd: folder.path});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b/);
    expect(run.stdout).toContain('wrote new\\x1b[31mred/policies/assistant.yaml');
    expect(existsSync(join(folder.path, 'new\u001b[31mred', 'policies', 'assistant.yaml'))).toBe(true);
  });

  it('says which file it cannot write, with exit 3', async () => {
    const folder = tempFolder('aigc-init-');
    folders.push(folder);
    folder.file('policies', 'a file where the folder should be\n');
    expectOneLineError(await aigc(['init', '--force'], {cwd: folder.path}), 3, /^aigc init: policies\/assistant\.yaml: cannot write the file: .*\((ENOTDIR|EEXIST)\)$/);
  });
});
