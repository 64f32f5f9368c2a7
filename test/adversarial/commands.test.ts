// The adversarial suite: every command that reads input, given hostile input
// of each class aigc must withstand (catastrophic patterns, folder walks,
// terminal escapes, lock and file-system waits, unbounded sizes and depths,
// pipes as paths, internal errors where a finding belongs, encodings),
// generated here at test time. Every case runs the built CLI as a separate
// process and checks what a user relies on: the documented exit code, a
// clean stderr (no stack trace, a short explanation), no secret (a canary
// key in the environment, a canary file) in any output, no raw control
// character in what people read, and an end (a generous timeout as a guard,
// not a timing assertion: a case killed by it fails as a hang).
import {execFileSync} from 'node:child_process';
import {mkdirSync, openSync, closeSync, ftruncateSync, symlinkSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectNoStackTrace, tempFolder} from '../cli/command-line.js';
import {spawnAigc, type SpawnedRun} from '../cli-e2e/cli.js';

const KEY_CANARY = 'canary-key-7f3a91d2';
const FILE_CANARY = 'canary-file-e4b6c8';
const ENV = {AIGC_TEST_KEY: KEY_CANARY};

/** What a terminal acts on: C0 controls but tab and line feed, DEL, C1, bidi controls, Unicode line separators. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
const ESC_NAME = 'evil\u001b]0;owned\u0007\u202e';

const POLICY = 'policy_version: "1.0"\nroles: [agent]\n';
const INVOCATION = {policy_file: 'p.yaml', model_provider: 'a', model_identifier: 'm', role: 'agent', input: {}, output: {}, context: {}};
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

let root: ReturnType<typeof tempFolder>;
const at = (name: string) => join(root.path, name);
function write(name: string, content: string | Buffer): string {
  mkdirSync(dirname(at(name)), {recursive: true});
  writeFileSync(at(name), content);
  return at(name);
}
/** A file of `bytes` bytes that takes no room (its size is what a bound checks first). */
function sparse(name: string, bytes: number): string {
  mkdirSync(dirname(at(name)), {recursive: true});
  const descriptor = openSync(at(name), 'w');
  ftruncateSync(descriptor, bytes);
  closeSync(descriptor);
  return at(name);
}
/** A folder of its own for a case, holding `files`. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  mkdirSync(at(name), {recursive: true});
  for (const [file, content] of Object.entries(files)) write(join(name, file), content);
  return at(name);
}

beforeAll(() => {
  root = tempFolder('aigc-adversarial-');
  write('outside/secret.yaml', `${POLICY}${FILE_CANARY}: [unclosed\n`);
});
afterAll(() => root.remove());

interface Expectation {
  code: number;
  /** stdout is a human format: no raw control character in it either. */
  human?: boolean;
  /** Something stdout or stderr must say. */
  says?: RegExp;
}

function run(args: string[], options: {cwd: string; input?: string | Buffer}): Promise<SpawnedRun> {
  return spawnAigc(args, {cwd: options.cwd, input: options.input, env: ENV, timeoutMs: 20_000});
}

/** The checks every case shares. */
function expectWithstood(result: SpawnedRun, expected: Expectation): void {
  const both = `${result.stdout}\n${result.stderr}`;
  expect(result.signal, `killed: the command did not end\n${result.stderr}`).toBeNull();
  expect(result.code, result.stderr).toBe(expected.code);
  expectNoStackTrace(result.stderr);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(both).not.toContain(KEY_CANARY);
  expect(both).not.toContain(FILE_CANARY);
  expect(result.stderr).not.toMatch(RAW_CONTROL);
  if (expected.human) expect(result.stdout).not.toMatch(RAW_CONTROL);
  if (expected.says) expect(both).toMatch(expected.says);
}

describe('catastrophic regular expressions', () => {
  const policy = `${POLICY}pre_conditions:\n  required:\n    ticket: {type: string, pattern: "^(a+)+$"}\n`;

  it('enforce fails the precondition gate closed or answers, and ends', async () => {
    const cwd = folder('regex-enforce', {'p.yaml': policy});
    const input = line({...INVOCATION, context: {ticket: `${'a'.repeat(40)}b`}});
    const result = await run(['enforce', '--now', '1700000000', '--key-env', 'AIGC_TEST_KEY'], {cwd, input});
    expectWithstood(result, {code: 1, says: /precondition_validation/});
  });

  it('policy lint warns about the pattern ahead of time, at its line and column', async () => {
    const cwd = folder('regex-lint', {'p.yaml': policy});
    expectWithstood(await run(['policy', 'lint', 'p.yaml', '-f', 'text'], {cwd}), {code: 0, human: true, says: /p\.yaml:5:\d+ warning regex-backtracking /});
  });

  it('policy test --run with a catastrophic pattern is a usage error', async () => {
    const cwd = folder('regex-run', {'p.yaml': POLICY, 's.test.yaml': `suite: s\npolicy: p.yaml\ncases:\n  - name: ${'a'.repeat(40)}b\n    expect: fail\n`});
    expectWithstood(await run(['policy', 'test', 's.test.yaml', '--run', '^(a|a)*\\1$'], {cwd}), {code: 2, says: /regex matching budget|pattern/});
  });
});

describe('folder walks', () => {
  it.each(['policy lint', 'policy validate', 'policy test', 'replay'])('%s DIR does not follow a link out of the folder', async (line) => {
    const command = line.split(' ');
    const cwd = folder(`walk-${command.join('-')}`, {'ok.yaml': POLICY});
    for (const name of ['leak.yaml', 'leak.test.yaml', 'leak.jsonl']) symlinkSync(at('outside/secret.yaml'), join(cwd, name));
    const result = await run([...command, '.'], {cwd});
    expect(result.stderr).toMatch(/leak\.(yaml|test\.yaml|jsonl): skipped/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(FILE_CANARY);
    expectNoStackTrace(result.stderr);
  });
});

describe('terminal escapes from input', () => {
  it('policy lint shows a file name with control characters as escapes in text, pretty and github', async () => {
    const cwd = folder('escape-lint', {[`${ESC_NAME}.yaml`]: `${POLICY}roles: [x\n`});
    for (const format of ['text', 'pretty', 'github']) {
      expectWithstood(await run(['policy', 'lint', '.', '-f', format], {cwd}), {code: 1, human: true, says: /evil\\x1b\]0;owned\\x07\\u202e/});
    }
  });

  it('policy test shows suite and case names from input as escapes in every human format', async () => {
    const suite = `suite: "s\\e[2J\\a"\npolicy: p.yaml\ncases:\n  - name: "case \\e]8;;http://x\\a link"\n    expect: fail\n`;
    const cwd = folder('escape-test', {'p.yaml': POLICY, 's.test.yaml': suite});
    for (const format of ['text', 'pretty', 'tap', 'github']) {
      expectWithstood(await run(['policy', 'test', '.', '-f', format, '--verbose'], {cwd}), {code: 0, human: true, says: /\\x1b\]8;;http/});
    }
  });

  it('chain verify and compliance export show artifact fields as escapes, and markdown passes no raw HTML', async () => {
    const cwd = folder('escape-chain', {'p.yaml': POLICY});
    const artifacts = await run(['enforce', '--now', '1700000000'], {cwd, input: line(INVOCATION)});
    const artifact = JSON.parse(artifacts.stdout);
    artifact.policy_file = `<img src=x onerror=alert(1)>\u001b[31m`;
    artifact.chain_id = `c\u001b]0;t\u0007`;
    write('escape-chain/trail.jsonl', line(artifact));
    expectWithstood(await run(['chain', 'verify', 'trail.jsonl', '-f', 'text'], {cwd}), {code: 1, human: true});
    const markdown = await run(['compliance', 'export', '-i', 'trail.jsonl', '-f', 'markdown'], {cwd});
    expectWithstood(markdown, {code: 0, human: true, says: /\\x1b\[31m/});
    expect(markdown.stdout).not.toMatch(/(^|[^`])<img/m);
    const html = await run(['compliance', 'export', '-i', 'trail.jsonl', '-f', 'html'], {cwd});
    expectWithstood(html, {code: 0, human: true});
    expect(html.stdout).not.toContain('<img src=x');
  });

  it('stderr names a missing file with control characters as escapes', async () => {
    const cwd = folder('escape-stderr', {});
    expectWithstood(await run(['chain', 'verify', `${ESC_NAME}.jsonl`], {cwd}), {code: 3, says: /evil\\x1b/});
  });
});

describe('lock and file-system waits', () => {
  it('chain append to a chain file in a missing folder fails at once with exit 3', async () => {
    const cwd = folder('lock-missing', {'p.yaml': POLICY});
    const artifacts = await run(['enforce', '--now', '1700000000'], {cwd, input: line(INVOCATION)});
    expectWithstood(await run(['chain', 'append', 'no/such/folder/chain.jsonl', '--key-env', 'AIGC_TEST_KEY'], {cwd, input: artifacts.stdout}), {code: 3, says: /chain\.jsonl/});
  });

  it('enforce --chain to a missing folder fails at once with exit 3', async () => {
    const cwd = folder('lock-enforce', {'p.yaml': POLICY});
    expectWithstood(await run(['enforce', '--now', '1700000000', '--chain', 'gone/chain.jsonl'], {cwd, input: line(INVOCATION)}), {code: 3});
  });
});

describe('unbounded inputs', () => {
  it('refuses a suite past its size bound before parsing it, in one line with exit 3', async () => {
    const cwd = folder('size-suite', {'p.yaml': POLICY});
    sparse('size-suite/huge.test.yaml', 9 * 1024 * 1024);
    expectWithstood(await run(['policy', 'test', 'huge.test.yaml'], {cwd}), {code: 3, says: /cannot read the suite: larger than 8388608 bytes/});
  });

  it('refuses a golden fixture file and a policy past their size bounds', async () => {
    const cwd = folder('size-fixture', {});
    sparse('size-fixture/huge.jsonl', 65 * 1024 * 1024);
    sparse('size-fixture/huge.yaml', 2 * 1024 * 1024);
    expectWithstood(await run(['replay', 'huge.jsonl'], {cwd}), {code: 3, says: /cannot read the fixture: larger than 67108864 bytes/});
    expectWithstood(await run(['policy', 'lint', 'huge.yaml', '-f', 'text'], {cwd}), {code: 3, human: true, says: /file-unreadable/});
  });

  it('a suite of a million lines is refused, not parsed until the heap runs out', async () => {
    const cwd = folder('size-lines', {'p.yaml': POLICY});
    write('size-lines/big.test.yaml', `suite: big\npolicy: p.yaml\ncases:\n${'  - {name: c, expect: pass}\n'.repeat(400_000)}`);
    expectWithstood(await run(['policy', 'test', 'big.test.yaml'], {cwd}), {code: 3, says: /larger than/});
  });

  it('deeply nested YAML and JSON are errors at a place, not stack overflows', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const cwd = folder('depth', {'p.yaml': POLICY, 'deep.yaml': `${POLICY}x: ${deep}\n`, 'deep.test.yaml': `suite: ${deep}\n`, 'deep.jsonl': `${deep}\n`});
    expectWithstood(await run(['policy', 'lint', 'deep.yaml', '-f', 'text'], {cwd}), {code: 1, human: true});
    expectWithstood(await run(['policy', 'test', 'deep.test.yaml'], {cwd}), {code: 1});
    expectWithstood(await run(['replay', 'deep.jsonl'], {cwd}), {code: 1});
    expectWithstood(await run(['enforce', '--now', '1700000000'], {cwd, input: `${deep}\n`}), {code: 1});
    expectWithstood(await run(['chain', 'verify', 'deep.jsonl', '-f', 'text'], {cwd}), {code: 1, human: true});
    expectWithstood(await run(['compliance', 'export', '-i', 'deep.jsonl'], {cwd}), {code: 1});
  });

  it('a huge single line on stdin is one FAIL, and the stream goes on', async () => {
    const cwd = folder('huge-line', {'p.yaml': POLICY});
    const input = `{"policy_file": "${'x'.repeat(8 * 1024 * 1024)}"\n${line(INVOCATION)}`;
    const result = await run(['enforce', '--now', '1700000000'], {cwd, input});
    expectWithstood(result, {code: 1});
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('pipes as paths', () => {
  const fifo = (name: string) => {
    const path = at(name);
    mkdirSync(dirname(path), {recursive: true});
    execFileSync('mkfifo', [path]);
    return path;
  };
  /** Writes `text` into the pipe in a separate process once aigc opens it. */
  const feed = (path: string, text: string) => {
    writeFileSync(`${path}.src`, text);
    return spawnAigcFeeder(path, `${path}.src`);
  };

  it('compliance export -i and chain verify read a named pipe once', async () => {
    const cwd = folder('fifo', {'p.yaml': POLICY});
    const artifacts = (await run(['enforce', '--now', '1700000000'], {cwd, input: line(INVOCATION)})).stdout;
    const first = fifo('fifo/trail1');
    const feeding = feed(first, artifacts);
    expectWithstood(await run(['compliance', 'export', '-i', first, '-f', 'markdown'], {cwd}), {code: 0, human: true, says: /p\.yaml/});
    await feeding;
    const second = fifo('fifo/trail2');
    const again = feed(second, artifacts);
    expectWithstood(await run(['chain', 'verify', second, '-f', 'text'], {cwd}), {code: 1, human: true, says: /not-chained/});
    await again;
  });

  it('a named pipe given as a policy, suite or fixture is refused unopened with exit 3', async () => {
    const cwd = folder('fifo-refused', {});
    const path = fifo('fifo-refused/pipe.yaml');
    expectWithstood(await run(['policy', 'lint', path, '-f', 'text'], {cwd}), {code: 3, human: true, says: /not a regular file/});
    expectWithstood(await run(['policy', 'test', path], {cwd}), {code: 3, says: /not a regular file/});
    expectWithstood(await run(['replay', path], {cwd}), {code: 3, says: /not a regular file/});
  });
});

describe('internal errors where a finding belongs', () => {
  const guard = (condition: string) => `${POLICY}conditions:\n  a: {type: boolean}\nguards:\n  - when: {condition: "${condition}"}\n    then: {pre_conditions: {required: [x]}}\n`;

  it.each([
    ['deeply nested parentheses', `${'('.repeat(300)}a${')'.repeat(300)}`, /parentheses deeper than 200/],
    ['a long and-chain', Array.from({length: 1500}, () => 'a').join(' and '), /deeper than 900 operators/],
    ['a huge expression', `${'a or '.repeat(30_000)}a`, /characters long, more than the limit of 10000/],
  ])('%s is a guard-syntax finding in lint and a guard_evaluation FAIL in enforce', async (_name, condition, says) => {
    const cwd = folder(`guard-${condition.length}`, {'p.yaml': guard(condition)});
    expectWithstood(await run(['policy', 'lint', 'p.yaml', '-f', 'text'], {cwd}), {code: 1, human: true, says: /guard-syntax/});
    const result = await run(['enforce', '--now', '1700000000'], {cwd, input: line({...INVOCATION, context: {a: true}})});
    expectWithstood(result, {code: 1, says});
    expect(JSON.parse(result.stdout).failure_gate).toBe('guard_evaluation');
  });

  it('chain append of an artifact holding NaN is a refusal (exit 1), not an internal error', async () => {
    const cwd = folder('nan', {'p.yaml': POLICY});
    const artifact = (await run(['enforce', '--now', '1700000000'], {cwd, input: line(INVOCATION)})).stdout.replace('"input_checksum"', '"x": NaN, "input_checksum"');
    expectWithstood(await run(['chain', 'append', 'chain.jsonl', '--key-env', 'AIGC_TEST_KEY'], {cwd, input: artifact}), {code: 1});
  });
});

describe('encodings', () => {
  it('a suite or fixture that is not UTF-8 is refused like a policy, with its offset and exit 3', async () => {
    const cwd = folder('utf8', {
      'p.yaml': POLICY,
      'bad.test.yaml': Buffer.concat([Buffer.from('suite: "s\n'), Buffer.from([0xff, 0xfe]), Buffer.from('"\npolicy: p.yaml\ncases: []\n')]),
      'bad.jsonl': Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
    });
    expectWithstood(await run(['policy', 'test', 'bad.test.yaml'], {cwd}), {code: 3, says: /not UTF-8 \(invalid byte at offset 10\)/});
    expectWithstood(await run(['replay', 'bad.jsonl'], {cwd}), {code: 3, says: /not UTF-8 \(invalid byte at offset 10\)/});
  });

  it('UTF-16 on enforce stdin gives one artifact per invocation, the same as UTF-8', async () => {
    const cwd = folder('utf16', {'p.yaml': POLICY});
    const input = line(INVOCATION) + line({...INVOCATION, role: 'intruder'});
    const utf8 = await run(['enforce', '--now', '1700000000'], {cwd, input});
    const utf16 = await run(['enforce', '--now', '1700000000'], {cwd, input: Buffer.from(`\ufeff${input}`, 'utf16le')});
    expectWithstood(utf16, {code: 1});
    expect(utf16.stdout).toBe(utf8.stdout);
    expect(utf16.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('a policy holding NUL bytes is linted without quoting it', async () => {
    const cwd = folder('nul', {'p.yaml': `${FILE_CANARY}=1\u0000KEY=${KEY_CANARY}\u0000`});
    expectWithstood(await run(['policy', 'lint', 'p.yaml', '-f', 'pretty', '--color'], {cwd}), {code: 1});
  });
  it('a proof, consistency proof or checkpoint that is some other file is described, not quoted, and its name is escaped', async () => {
    const cwd = folder('not-a-proof', {'trail.jsonl': line({a: 1})});
    write('outside/passwd', `${FILE_CANARY}:x:0:0\n${FILE_CANARY}:x:1:1\n${FILE_CANARY}:x:2:2\n\n`);
    symlinkSync(at('outside/passwd'), join(cwd, 'proof'));
    symlinkSync(at('outside/passwd'), join(cwd, ESC_NAME));
    execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'run.js'), 'chain', 'keygen', 'log.example', '-o', join(cwd, 'log')], {stdio: 'ignore'});
    for (const proof of ['proof', ESC_NAME]) {
      expectWithstood(await run(['chain', 'verify-proof', proof, '--pubkey', 'log.pub', 'trail.jsonl'], {cwd}), {code: 1, human: true, says: /malformed-proof/});
      expectWithstood(await run(['chain', 'verify-consistency', '--pubkey', 'log.pub', proof, proof, proof], {cwd}), {code: 1, human: true, says: /malformed/});
    }
    expectWithstood(await run(['chain', 'verify', 'trail.jsonl', '--checkpoint', 'proof', '--pubkey', 'log.pub'], {cwd}), {code: 1, human: true, says: /malformed/});
  });

  it('a suite or config that is a link to a one-line secret is named by its type, not quoted', async () => {
    const cwd = folder('scalar-link', {'p.yaml': POLICY});
    write('outside/token.txt', `${FILE_CANARY}\n`);
    symlinkSync(at('outside/token.txt'), join(cwd, 'token.test.yaml'));
    symlinkSync(at('outside/token.txt'), join(cwd, 'token.aigc.yaml'));
    const suite = await run(['policy', 'test', 'token.test.yaml'], {cwd});
    expectWithstood(suite, {code: 1, says: /the top level is not a mapping \(it is a str\)/});
    const config = await run(['policy', 'lint', '--config', 'token.aigc.yaml', 'p.yaml'], {cwd});
    expectWithstood(config, {code: 2, says: /the top level is not a mapping \(it is a str\)/});
  });
});

describe('secrets', () => {
  it('no command prints the value of --key-env, whatever fails', async () => {
    const cwd = folder('secrets', {'p.yaml': POLICY, 'trail.jsonl': '{"chain_id": 1}\n'});
    expectWithstood(await run(['chain', 'verify', 'trail.jsonl', '--key-env', 'AIGC_TEST_KEY', '-f', 'text'], {cwd}), {code: 1, human: true});
    expectWithstood(await run(['enforce', '--now', '1700000000', '--key-env', 'AIGC_TEST_KEY', '--chain', 'c.jsonl'], {cwd, input: 'not json\n'}), {code: 1});
    expectWithstood(await run(['chain', 'verify', 'c.jsonl', '--key-env', 'AIGC_TEST_KEY', '-f', 'json'], {cwd}), {code: 0});
    expectWithstood(await run(['chain', 'verify', 'c.jsonl', '--key-env', 'NO_SUCH_VARIABLE'], {cwd}), {code: 2});
  });
});

/** `cat SOURCE > FIFO` in a child process: the writer end of the pipe, opened when aigc opens the reader end. */
function spawnAigcFeeder(fifo: string, source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    import('node:child_process').then(({spawn}) => {
      const child = spawn('sh', ['-c', 'cat "$1" > "$2"', 'feeder', source, fifo], {stdio: 'ignore'});
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.on('error', reject);
    }, reject);
  });
}
