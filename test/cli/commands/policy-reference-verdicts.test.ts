// `aigc policy validate` and `aigc policy lint` against what the reference's
// CLI said about the same files (test/data/policy/cli-verdicts.json, recorded
// by scripts/gen-cli-verdicts.py): the same OK/FAIL line, the same reasons in
// the same order, a YAML error at the place PyYAML puts it wherever we word
// it as PyYAML does, and lint failing exactly the files the reference's fails.
import {mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aigc, type CliRun, tempFolder} from '../command-line.js';

interface VerdictCase {
  name: string;
  files: Record<string, string>;
  check: string;
  reference: {
    validate: {exit: number; stdout: string; reasons: string[]; mark?: string};
    lint: {exit: number};
  };
}

const data = JSON.parse(readFileSync(new URL('../../data/policy/cli-verdicts.json', import.meta.url), 'utf8')) as {
  day: string;
  cases: VerdictCase[];
};

/** The rules that decide the reference's own lint verdict; the others are ours. */
const REFERENCE_RULES = new Set(['file-unreadable', 'yaml-syntax', 'policy-root-type', 'policy-schema']);

const folderOf = (index: number) => `case-${index}`;
const pathOf = (index: number) => `${folderOf(index)}/${data.cases[index].check}`;

let folder: ReturnType<typeof tempFolder>;
let validateRun: CliRun;
let lintFindings: Map<string, {ruleId: string; severity: string}[]>;

beforeAll(async () => {
  folder = tempFolder();
  data.cases.forEach((testCase, index) => {
    mkdirSync(join(folder.path, folderOf(index)));
    for (const [name, text] of Object.entries(testCase.files)) folder.file(`${folderOf(index)}/${name}`, text);
  });
  const paths = data.cases.map((_, index) => pathOf(index));
  const now = `${data.day}T00:00:00Z`;
  const [validate, lint] = await Promise.all([
    aigc(['policy', 'validate', '--now', now, '--', ...paths], {cwd: folder.path}),
    aigc(['policy', 'lint', '-f', 'json', '--now', now, '--', ...paths], {cwd: folder.path}),
  ]);
  validateRun = validate;
  const report = JSON.parse(lint.stdout) as {files: {file: string; findings: {ruleId: string; severity: string}[]}[]};
  lintFindings = new Map(report.files.map((file) => [file.file, file.findings]));
}, 120000);
afterAll(() => folder.remove());

/** Our reasons for one file: `  FILE[:LINE:COLUMN]: MESSAGE` lines on stderr. */
function reasonsOf(file: string): {message: string; mark?: string}[] {
  const prefix = `  ${file}`;
  return validateRun.stderr
    .split('\n')
    .filter((line) => line.startsWith(`${prefix}:`))
    .map((line) => {
      const [, mark, message] = /^:(?:(\d+:\d+): )? ?(.*)$/.exec(line.slice(prefix.length))!;
      return {message, mark};
    });
}

describe.each(data.cases.map((testCase, index) => ({...testCase, index})))('$name', (testCase) => {
  const file = pathOf(testCase.index);
  const expected = testCase.reference.validate;

  it('gets the reference’s validate line', () => {
    const line = expected.stdout.trimEnd().replace(testCase.check, file);
    expect(validateRun.stdout.split('\n')).toContain(line);
  });

  it('gives the reference’s reasons, in its order', () => {
    const ours = reasonsOf(file);
    const yaml = expected.reasons[0]?.startsWith('YAML parse error');
    if (!yaml) {
      expect(ours.map((reason) => reason.message)).toEqual(expected.reasons);
      return;
    }
    expect(ours).toHaveLength(1);
    expect(ours[0].message).toMatch(/^YAML parse error: /);
    // Where our words are PyYAML's, so is the place.
    if (ours[0].message.startsWith(expected.reasons[0].split('\n')[0])) expect(ours[0].mark).toBe(expected.mark);
  });

  it('fails lint exactly when the reference’s lint fails', () => {
    const findings = lintFindings.get(file) ?? [];
    const failed = findings.some((finding) => finding.severity === 'error' && REFERENCE_RULES.has(finding.ruleId));
    expect(failed).toBe(testCase.reference.lint.exit === 1);
  });
});

describe('the run as a whole', () => {
  it('exits 1, as some files fail', () => {
    expect(validateRun.code).toBe(1);
  });
});
