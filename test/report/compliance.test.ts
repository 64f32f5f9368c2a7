import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {CliError} from '../../src/cli/exit-codes.js';
import {pythonPathText} from '../../src/report/source-file.js';
import {exportReport} from './compliance-io.js';

// Behaviour of our own beyond the reference's byte-identity cases: the
// deliberate differences (compatibility.md, difference 6), several inputs,
// stdin, bad inputs and exit codes, and the formats for people.
const INPUTS = join(import.meta.dirname, '../data/compliance/inputs');
const work = mkdtempSync(join(tmpdir(), 'aigc-compliance-'));
afterAll(() => rmSync(work, {recursive: true, force: true}));

const artifactLines = readFileSync(join(INPUTS, 'crlf.jsonl'), 'utf8').trim().split('\r\n');
const [passLine, failLine] = [artifactLines.find((line) => line.includes('"PASS"')), artifactLines.find((line) => line.includes('"FAIL"'))] as string[];
const nullGateLine = failLine.replace(/"failure_gate": "[a-z_]+"/, '"failure_gate": null');

function trail(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function json(run: {stdout: Buffer}): Record<string, unknown> {
  return JSON.parse(run.stdout.toString('utf8'));
}

describe('deliberate differences from the reference', () => {
  it('counts FAIL artifacts without a gate under "null", also beside named gates', async () => {
    const path = trail('mixed-null.jsonl', [nullGateLine, failLine, nullGateLine, passLine].join('\n'));
    const run = await exportReport({input: [path]}, {cwd: work});
    expect(run.exitCode).toBe(0);
    expect(json(run).failure_gates_summary).toEqual({null: 2, role_validation: 1});
    expect(run.stdout.toString()).toMatch(/"failure_gates_summary": \{\n {4}"null": 2,\n {4}"role_validation": 1\n {2}\}/);
  });

  it('counts a line that is not valid UTF-8 as invalid and goes on', async () => {
    const path = trail('latin1.jsonl', Buffer.concat([Buffer.from(`${passLine}\n`), Buffer.from([0x7b, 0xe9, 0xff, 0x7d, 0x0a]), Buffer.from(`${failLine}\n`)]));
    const run = await exportReport({input: [path]}, {cwd: work});
    expect(run.exitCode).toBe(0);
    expect(json(run)).toMatchObject({total_artifacts: 2, invalid_artifacts: 1});
    expect(run.stderr).toContain('latin1.jsonl:2: skipped: not valid UTF-8');
  });
});

describe('inputs', () => {
  it('reads several files and globs in order, each file once, and names them all in source_file', async () => {
    mkdirSync(join(work, 'many'), {recursive: true});
    trail('many/b.jsonl', `${failLine}\n`);
    trail('many/a.jsonl', `${passLine}\n`);
    const run = await exportReport({input: ['many/*.jsonl', 'many/a.jsonl', './many//b.jsonl']}, {cwd: work});
    expect(run.exitCode).toBe(0);
    // many/b.jsonl and ./many//b.jsonl are different spellings, read twice; many/a.jsonl is read once.
    expect(json(run)).toMatchObject({source_file: 'many/*.jsonl, many/a.jsonl, many/b.jsonl', total_artifacts: 3, pass_count: 1, fail_count: 2});
  });

  it('reads stdin for -', async () => {
    const run = await exportReport({input: ['-']}, {cwd: work, stdin: `${passLine}\n${failLine}\n`});
    expect(json(run)).toMatchObject({source_file: '-', total_artifacts: 2, compliance_rate: 50});
    expect(run.stdout.toString()).toContain('"compliance_rate": 50.0,');
  });

  it.each([
    ['a missing file', ['no-such.jsonl'], 'no-such.jsonl: file not found'],
    ['a glob matching nothing', ['nothing/*.jsonl'], 'nothing/*.jsonl: no file matches this pattern'],
    ['a folder', ['.'], '.: is a folder, not a JSONL file'],
  ])('stops with an I/O error (exit 3) for %s', async (_name, input, message) => {
    const failure = await exportReport({input}, {cwd: work}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(3);
    expect(`${(failure as CliError).location}: ${(failure as CliError).message}`).toContain(message);
  });

  it('reads a named pipe, opening it once', async () => {
    const fifo = join(work, 'trail.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$0" > "$1"', join(INPUTS, 'mixed.jsonl'), fifo]);
    const run = await exportReport({input: [fifo]}, {cwd: work});
    writer.kill();
    const fromFile = await exportReport({input: [join(INPUTS, 'mixed.jsonl')]}, {cwd: work});
    expect(run.exitCode).toBe(0);
    expect({...json(run), source_file: ''}).toEqual({...json(fromFile), source_file: ''});
  });

  it('prints the empty report for an empty file (exit 0, like the reference) and warns on stderr', async () => {
    const run = await exportReport({input: [trail('empty.jsonl', '')]}, {cwd: work});
    expect(run.exitCode).toBe(0);
    expect(json(run)).toMatchObject({total_artifacts: 0, invalid_artifacts: 0, compliance_rate: 0});
    expect(run.stderr).toMatch(/^aigc compliance export: .*empty\.jsonl: empty input: no audit artifacts\n$/);
  });

  it('exits 1 and writes nothing when every line is invalid, as for a binary file', async () => {
    const binary = trail('binary.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x0a, 0x00, 0x01]));
    const output = join(work, 'never.json');
    const run = await exportReport({input: [binary], output}, {cwd: work});
    expect(run.exitCode).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(existsSync(output)).toBe(false);
    expect(run.stderr).toMatch(/\nERROR: all 4 artifact\(s\) were schema-invalid; nothing exported\.\n$/);
  });

  it('refuses an artifact without a canonical form under --lineage (exit 1, naming the line) instead of crashing', async () => {
    const path = trail('nan.jsonl', `${passLine}\n${passLine.replace('"context": {', '"context": {"x": NaN, ')}\n`);
    const failure = await exportReport({input: [path], lineage: true}, {cwd: work}).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(1);
    expect((failure as CliError).location).toBe(`${path}:2`);
    expect((failure as CliError).message).toContain('cannot compute the lineage key');
  });
});

describe('output', () => {
  it('writes the report to -o FILE, keeps stdout empty and says where on stderr', async () => {
    const output = join(work, 'report.json');
    const run = await exportReport({input: [join(INPUTS, 'mixed.jsonl')], output: `${work}/./report.json`}, {cwd: work});
    expect(run.exitCode).toBe(0);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toContain(`Compliance report written to: ${output}\n`);
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(join(INPUTS, '../expected/mixed.out'), 'utf8').replace('"source_file": "mixed.jsonl"', `"source_file": "${join(INPUTS, 'mixed.jsonl')}"`));
  });

  it('fails with exit 3 when the output folder does not exist', async () => {
    const failure = await exportReport({input: [join(INPUTS, 'mixed.jsonl')], output: join(work, 'missing/report.json')}, {cwd: work}).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(3);
  });

  it('takes --json as -f json and refuses an unknown format (exit 2)', async () => {
    const viaJson = await exportReport({input: ['mixed.jsonl'], json: true}, {cwd: INPUTS});
    expect(viaJson.stdout.equals(readFileSync(join(INPUTS, '../expected/mixed.out')))).toBe(true);
    const failure = await exportReport({input: ['mixed.jsonl'], format: 'xml'}, {cwd: INPUTS}).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(2);
  });

  it('writes markdown with the summary, the per-policy table and failures by gate', async () => {
    const run = await exportReport({input: ['mixed.jsonl'], format: 'markdown', lineage: true}, {cwd: INPUTS});
    const markdown = run.stdout.toString('utf8');
    expect(markdown).toContain('# Compliance report\n\nSource: `mixed.jsonl`');
    expect(markdown).toContain('| Compliance rate | **48.48%** |');
    expect(markdown).toContain('| Period covered (artifact timestamps, UTC) | 2023-11-14T22:13:20Z |');
    expect(markdown).toContain('| `policies/support-assistant.yaml` | 1.2 | 4 | 7 | 36.36% | `role_validation`, `precondition_validation`, `tool_validation` |');
    expect(markdown).toContain('| ``policies/a\\|pipe`tick.yaml`` | v5-ß | 0 | 1 | 0.00% | `precondition_validation` |');
    expect(markdown).toContain('## Failures by gate\n\n| Gate | FAIL artifacts | Share of failures |\n| --- | ---: | ---: |\n| `precondition_validation` | 5 | 29.41% |');
    expect(markdown).toContain('## Lineage');
  });

  it('writes every percentage in markdown with two decimals (100.00%, 0.00%), not as the JSON rounds them (100.0)', async () => {
    const run = await exportReport({input: ['mixed.jsonl'], format: 'markdown'}, {cwd: INPUTS});
    const percentages = run.stdout.toString('utf8').match(/[\d.]+%/g) ?? [];
    expect(percentages.length).toBeGreaterThan(3);
    expect(percentages.filter((text) => !/^\d+\.\d{2}%$/.test(text))).toEqual([]);
  });

  it('shows markdown and HTML from the trail as text, never as markup', async () => {
    const hostile = passLine.replace(/"policy_version": "[^"]*"/, '"policy_version": "<img src=x onerror=alert(1)> **bold** [x](http://e)"');
    writeFileSync(join(work, 'hostile.jsonl'), `${hostile}\n`);
    const markdown = (await exportReport({input: ['hostile.jsonl'], format: 'markdown'}, {cwd: work})).stdout.toString('utf8');
    expect(markdown).toContain('| &lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\* \\[x\\]\\(http://e\\) |');
    expect(markdown).not.toContain('<img');
  });
});

describe('source_file spelling', () => {
  it.each([
    ['trail.jsonl', 'trail.jsonl'],
    ['./sub//dir/./trail.jsonl', 'sub/dir/trail.jsonl'],
    ['logs/', 'logs'],
    ['/abs/../x.jsonl', '/abs/../x.jsonl'],
    ['//host/x', '//host/x'],
    ['///x', '/x'],
    ['.', '.'],
    ['', '.'],
  ])('writes %j as Python str(Path(...)) does: %j', (given, expected) => {
    expect(pythonPathText(given)).toBe(expected);
  });
});
