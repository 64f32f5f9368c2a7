// `aigc enforce` in shell pipelines: one artifact per input value, in order,
// whatever the input holds; exit codes; clock, keys, records and policy root.
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {HmacSigner, verifyArtifact} from '../../../src/audit/signing.js';
import {parseJson} from '../../../src/canonical/json.js';
import {runCommandLine} from '../../../src/cli/start/main.js';
import type {PyDict} from '../../../src/python/values.js';
import {captureIo} from '../capture.js';
import {aigc, artifactsOf, EXAMPLE_INVOCATIONS, expectNoStackTrace, expectOneLineError, REPO_ROOT, tempFolder} from '../command-line.js';
import {CLEAN_POLICY, passingInvocation} from './policies.js';

let folder: ReturnType<typeof tempFolder>;

beforeAll(() => {
  folder = tempFolder();
  folder.file('policy.yaml', CLEAN_POLICY);
  mkdirSync(join(folder.path, 'root'));
  folder.file('root/inside.yaml', CLEAN_POLICY);
  symlinkSync('../policy.yaml', join(folder.path, 'root', 'link.yaml'));
});
afterAll(() => folder.remove());

const enforce = (args: string[], input: string | Buffer, env?: Record<string, string>) =>
  aigc(['enforce', '--now', '1700000000', ...args], {cwd: folder.path, input, env});

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const failingInvocation = () => ({...passingInvocation(), role: 'intruder'});

describe('aigc enforce', () => {
  it('writes one compact artifact per NDJSON line, in order, and exits 0 when all pass', async () => {
    const run = await enforce([], line(passingInvocation()) + line({...passingInvocation(), input: {question: 'again'}}));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].startsWith('{"audit_schema_version":"1.4",')).toBe(true);
    expect(lines[0]).not.toContain('\n');
    const artifacts = artifactsOf(run);
    expect(artifacts.map((artifact) => artifact.enforcement_result)).toEqual(['PASS', 'PASS']);
    expect(artifacts[0].input_checksum).not.toBe(artifacts[1].input_checksum);
    expect(artifacts[0].timestamp).toBe(1700000000);
  });

  it('exits 1 when any artifact is FAIL', async () => {
    const run = await enforce([], line(passingInvocation()) + line(failingInvocation()));
    expect(run.code).toBe(1);
    expect(artifactsOf(run).map((artifact) => [artifact.enforcement_result, artifact.failure_gate])).toEqual([
      ['PASS', null],
      ['FAIL', 'role_validation'],
    ]);
  });

  it('reads pretty-printed values one after another', async () => {
    const input = `${JSON.stringify(failingInvocation(), null, 2)}\n${JSON.stringify(passingInvocation(), null, 4)}\n`;
    const run = await enforce([], input);
    expect(artifactsOf(run).map((artifact) => artifact.enforcement_result)).toEqual(['FAIL', 'PASS']);
  });

  it('gives an unparsable line its own FAIL artifact and goes on reading', async () => {
    const run = await enforce([], `${line(passingInvocation())}this is not json\n${line(passingInvocation())}`);
    expect(run.code).toBe(1);
    const artifacts = artifactsOf(run);
    expect(artifacts.map((artifact) => artifact.enforcement_result)).toEqual(['PASS', 'FAIL', 'PASS']);
    expect(artifacts[1]).toMatchObject({failure_gate: 'invocation_validation', policy_file: 'unknown', role: 'unknown'});
    expect(artifacts[1].failure_reason).toMatch(/not valid JSON.*line 2 column 1/);
  });

  it('gives each non-object value a FAIL artifact', async () => {
    const run = await enforce([], '[1, 2]\n"text"\n42\nnull\ntrue\n');
    expect(run.code).toBe(1);
    const artifacts = artifactsOf(run);
    expect(artifacts).toHaveLength(5);
    for (const artifact of artifacts) {
      expect(artifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'invocation_validation'});
      expect(artifact.failure_reason).toBe('Invocation must be a mapping object');
    }
  });

  it('indents the artifact with --pretty', async () => {
    const run = await enforce(['--pretty'], line(passingInvocation()));
    expect(run.stdout).toMatch(/^\{\n {2}"audit_schema_version": "1\.4",\n/);
    expect(JSON.parse(run.stdout).enforcement_result).toBe('PASS');
  });

  it('takes --now as an ISO-8601 instant', async () => {
    const run = await aigc(['enforce', '--now', '2026-01-01T00:00:00Z'], {cwd: folder.path, input: line(passingInvocation())});
    expect(artifactsOf(run)[0].timestamp).toBe(1767225600);
  });

  it('reads --input FILE instead of stdin', async () => {
    const run = await aigc(['enforce', '--now', '0', '--input', EXAMPLE_INVOCATIONS]);
    const lines = readFileSync(EXAMPLE_INVOCATIONS, 'utf8').trim().split('\n');
    expect(artifactsOf(run)).toHaveLength(lines.length);
  });

  it('says so on stderr and exits 0 for empty input', async () => {
    const run = await enforce([], '');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/no invocations/);
  });
});

describe('aigc enforce signing', () => {
  const verifiesWith = (artifact: Record<string, unknown>, key: string) => verifyArtifact(artifact as PyDict, new HmacSigner(Buffer.from(key)));

  it('signs every artifact with the key in --key-env, and never prints the key', async () => {
    const key = 'env-key-0123456789';
    const run = await enforce(['--key-env', 'AIGC_TEST_KEY'], line(passingInvocation()) + 'garbage\n', {AIGC_TEST_KEY: key});
    const artifacts = artifactsOf(run);
    expect(artifacts).toHaveLength(2);
    for (const artifact of artifacts) {
      expect(artifact.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(verifiesWith(artifact, key)).toBe(true);
    }
    expect(run.stdout + run.stderr).not.toContain(key);
  });

  it('signs with the bytes of --key-file, one trailing newline removed', async () => {
    folder.file('key.txt', 'file-key-9876\n');
    const run = await enforce(['--key-file', 'key.txt'], line(passingInvocation()));
    const [artifact] = artifactsOf(run);
    expect(verifiesWith(artifact, 'file-key-9876')).toBe(true);
    expect(run.stdout + run.stderr).not.toContain('file-key-9876');
  });

  it('refuses an unset --key-env variable (exit 2) without reading the input', async () => {
    expectOneLineError(await enforce(['--key-env', 'AIGC_UNSET_VARIABLE'], line(passingInvocation())), 2, /AIGC_UNSET_VARIABLE/);
  });

  it('fails on a missing --key-file (exit 3), naming it', async () => {
    expectOneLineError(await enforce(['--key-file', 'no-such-key'], line(passingInvocation())), 3, /no-such-key: cannot read the key file/);
  });

  it('refuses both key flags at once (exit 2)', async () => {
    const run = await enforce(['--key-env', 'AIGC_TEST_KEY', '--key-file', 'key.txt'], '', {AIGC_TEST_KEY: 'k'});
    expectOneLineError(run, 2, /either --key-env or --key-file/);
  });
});

describe('aigc enforce --record', () => {
  it('appends an {invocation, artifact} record per parsed invocation', async () => {
    const record = join(folder.path, 'recorded.jsonl');
    const invocations = [passingInvocation(), failingInvocation()];
    const run = await enforce(['--record', record], invocations.map(line).join(''));
    const records = readFileSync(record, 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    expect(records.map((entry) => entry.invocation)).toEqual(invocations);
    expect(records.map((entry) => entry.artifact)).toEqual(artifactsOf(run));
    await enforce(['--record', record], line(passingInvocation()));
    expect(readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(3);
  });
});

describe('aigc enforce --policy-root', () => {
  const resultFor = async (policyFile: string) => {
    const run = await enforce(['--policy-root', 'root'], line(passingInvocation(policyFile)));
    return artifactsOf(run)[0];
  };

  it('loads a policy inside the root', async () => {
    expect((await resultFor('root/inside.yaml')).enforcement_result).toBe('PASS');
  });

  const refused = {
    enforcement_result: 'FAIL',
    failure_gate: 'invocation_validation',
    failure_reason: 'Policy file is outside the policy root',
  };

  it.each(['policy.yaml', 'root/../policy.yaml', 'root/link.yaml'])('refuses %s, which escapes it', async (policyFile) => {
    expect(await resultFor(policyFile)).toMatchObject(refused);
  });

  it('refuses an absolute path outside it', async () => {
    expect(await resultFor(join(folder.path, 'policy.yaml'))).toMatchObject(refused);
  });
});

describe('aigc enforce with hostile input', () => {
  it('answers binary input with FAIL artifacts, never a crash', async () => {
    const bytes = Buffer.alloc(4096);
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919 + 13) % 256;
    const run = await enforce([], bytes);
    expect(run.code).toBe(1);
    const artifacts = artifactsOf(run);
    expect(artifacts.length).toBeGreaterThan(0);
    expect(artifacts.every((artifact) => artifact.failure_gate === 'invocation_validation')).toBe(true);
    expectNoStackTrace(run.stderr);
  });

  it('answers truncated JSON at the end of the stream', async () => {
    const run = await enforce([], `${line(passingInvocation())}{"policy_file": "policy.yaml", "role": `);
    expect(artifactsOf(run).map((artifact) => artifact.enforcement_result)).toEqual(['PASS', 'FAIL']);
    expect(artifactsOf(run)[1].failure_reason).toMatch(/not valid JSON/);
  });

  it('decides a 20 MB line within seconds', async () => {
    const invocation = {...passingInvocation(), input: {document: 'x'.repeat(20 * 1024 * 1024)}};
    const run = await enforce([], line(invocation));
    expect(run.code).toBe(0);
    const [artifact] = artifactsOf(run);
    expect(artifact.enforcement_result).toBe('PASS');
    const canonicalInput = `{"document":"${'x'.repeat(20 * 1024 * 1024)}"}`;
    expect(artifact.input_checksum).toBe(createHash('sha256').update(canonicalInput).digest('hex'));
  });

  it('fails a value nested 10,000 deep without overflowing the stack', async () => {
    const deep = `{"input": ${'['.repeat(10000)}${']'.repeat(10000)}}\n`;
    const run = await enforce([], deep + line(passingInvocation()));
    expect(artifactsOf(run).map((artifact) => artifact.enforcement_result)).toEqual(['FAIL', 'PASS']);
    expect(artifactsOf(run)[0].failure_reason).toMatch(/nesting/i);
    expectNoStackTrace(run.stderr);
  });

  it('keeps __proto__ keys as data and checksums them', async () => {
    const text = JSON.stringify(passingInvocation()).replace('"input":{', '"input":{"__proto__":{"polluted":true},');
    const run = await enforce([], `${text}\n`);
    const [artifact] = artifactsOf(run);
    expect(artifact.enforcement_result).toBe('PASS');
    const canonicalInput = '{"__proto__":{"polluted":true},"question":"Where is my order?"}';
    expect(artifact.input_checksum).toBe(createHash('sha256').update(canonicalInput).digest('hex'));
  });

  it('fails a number that overflows to infinity (1e999) instead of writing Infinity', async () => {
    const text = JSON.stringify(passingInvocation()).replace('"input":{', '"input":{"n":1e999,');
    const run = await enforce([], `${text}\n`);
    const [artifact] = artifactsOf(run);
    expect(artifact).toMatchObject({enforcement_result: 'FAIL', failure_gate: 'invocation_validation'});
    expect(run.stdout).not.toMatch(/Infinity|NaN/);
    expect(parseJson(run.stdout.trim())).toBeTruthy();
  });

  // Lone surrogates have no UTF-8 bytes: an artifact holding one in a failure message, or signed or
  // chained, cannot be recorded as it stands (the reference crashes). It gets a FAIL of its own.
  const surrogateIn = (field: 'role' | 'context') =>
    field === 'role'
      ? JSON.stringify(passingInvocation()).replace('"role":"agent"', '"role":"\\ud800"')
      : JSON.stringify(passingInvocation()).replace('"context":{', '"context":{"note":"\\udc00",');

  it('answers a lone surrogate in the role with a FAIL artifact and goes on reading', async () => {
    const run = await enforce([], `${surrogateIn('role')}\n${line(passingInvocation())}`);
    expect(run.code).toBe(1);
    expectNoStackTrace(run.stderr);
    const artifacts = artifactsOf(run);
    expect(artifacts.map((artifact) => [artifact.enforcement_result, artifact.failure_gate, artifact.failure_reason])).toEqual([
      ['FAIL', 'invocation_validation', 'Invocation cannot be recorded: surrogates not allowed'],
      ['PASS', null, null],
    ]);
  });

  it('keeps a lone surrogate in the context of an unsigned artifact, as the reference does', async () => {
    const [artifact] = artifactsOf(await enforce([], `${surrogateIn('context')}\n`));
    expect(artifact).toMatchObject({enforcement_result: 'PASS', context: {note: '\udc00'}});
  });

  it('signs and chains a FAIL in place of an artifact whose context holds a lone surrogate', async () => {
    const trail = join(folder.path, 'surrogates.jsonl');
    const run = await enforce(['--key-env', 'K', '--chain', trail], `${surrogateIn('context')}\n${line(passingInvocation())}`, {K: 'k'});
    expect(artifactsOf(run).map((artifact) => artifact.enforcement_result)).toEqual(['FAIL', 'PASS']);
    const verify = await aigc(['chain', 'verify', trail, '--key-env', 'K'], {cwd: folder.path, env: {K: 'k'}});
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('chains a FAIL in place of an unsigned artifact whose context holds a lone surrogate', async () => {
    const trail = join(folder.path, 'surrogates-unsigned.jsonl');
    const run = await enforce(['--chain', trail], `${line(passingInvocation())}${surrogateIn('context')}\n${line(passingInvocation())}`);
    expect(artifactsOf(run).map((artifact) => [artifact.enforcement_result, artifact.chain_index])).toEqual([
      ['PASS', 0],
      ['FAIL', 1],
      ['PASS', 2],
    ]);
    const verify = await aigc(['chain', 'verify', trail], {cwd: folder.path});
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('refuses an argument after a repeatable flag as a usage error (exit 2), not as another value', async () => {
    const run = await enforce(['--gate', 'gates.mjs', 'extra'], line(passingInvocation()));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('aigc enforce: unexpected argument "extra": aigc enforce takes no arguments\n');
  });

  it('fails a missing --input file with exit 3, naming it', async () => {
    expectOneLineError(await enforce(['--input', 'nowhere.jsonl'], ''), 3, /nowhere\.jsonl: cannot read the input/);
  });

  it('fails a folder given as --input with exit 3, naming it', async () => {
    expectOneLineError(await enforce(['--input', 'root'], ''), 3, /root: cannot read the input/);
  });
});

describe('aigc enforce on a terminal', () => {
  it('says once on stderr that it reads stdin, then reads it', async () => {
    // The run's folder is this process's (the repository), where the example's policy_file resolves.
    const io = {...captureIo({}, {cwd: REPO_ROOT}), env: {}};
    const terminal = Object.assign(Readable.from([Buffer.from(readFileSync(EXAMPLE_INVOCATIONS, 'utf8').split('\n')[0])]), {isTTY: true});
    const code = await runCommandLine(['enforce', '--now', '1700000000'], {...io, stdin: terminal});
    expect(code).toBe(0);
    expect(io.stderr.text).toBe('aigc enforce: reading invocations from stdin (a terminal): type JSON values, then Ctrl-D; or pipe a file in, or use --input FILE\n');
    expect(io.stdout.text.split('\n').filter((line) => line !== '')).toHaveLength(1);
  });

  it('says nothing of stdin when it is a pipe or --input is given', async () => {
    const run = await aigc(['enforce', '--now', '1700000000'], {input: `${readFileSync(EXAMPLE_INVOCATIONS, 'utf8').split('\n')[0]}\n`});
    expect(run.stderr).toBe('');
  });
});
