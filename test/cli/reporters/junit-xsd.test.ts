// The JUnit output of `policy lint` and `policy test` is valid under the
// Jenkins xUnit plugin's junit-10.xsd, checked by a real validator (xmllint).
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {junitReporter as lintJunit} from '../../../src/cli/reporters/lint/junit.js';
import {junitReporter as testJunit} from '../../../src/cli/reporters/test/junit.js';
import {missingFileResult} from '../../../src/policy/lint/rules/file-unreadable.js';
import {CWD as LINT_CWD, cleanReport, reportWithFindings} from './lint/fixture.js';
import {CWD as TEST_CWD, problemReport, sampleReport} from './test/fixture.js';

const XSD = fileURLToPath(new URL('../../vendor/xunit/junit-10.xsd', import.meta.url));
const xmllint = spawnSync('xmllint', ['--version'], {encoding: 'utf8'});
const hasXmllint = xmllint.error === undefined && xmllint.status === 0;
const folder = mkdtempSync(join(tmpdir(), 'aigc-junit-xsd-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

/** xmllint's verdict on `xml` under junit-10.xsd: its messages, empty when valid. */
function schemaProblems(name: string, xml: string): string {
  const file = join(folder, `${name}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, file], {encoding: 'utf8'});
  return run.status === 0 ? '' : `${run.stderr}`.trim();
}

describe.skipIf(!hasXmllint)('JUnit output under junit-10.xsd (xmllint; skipped without it: apt-get install libxml2-utils)', () => {
  it('policy lint: files with findings, clean files and a file that could not be read', () => {
    const unreadable = {...reportWithFindings, files: [...reportWithFindings.files, missingFileResult('gone.yaml')]};
    expect(schemaProblems('lint-findings', lintJunit(unreadable, {color: false, cwd: LINT_CWD}))).toBe('');
    expect(schemaProblems('lint-clean', lintJunit(cleanReport, {color: false, cwd: LINT_CWD}))).toBe('');
  });

  it('policy test: passing, failing and skipped cases, and suites that could not be loaded', async () => {
    expect(schemaProblems('test-sample', testJunit(await sampleReport(), {color: false, cwd: TEST_CWD}))).toBe('');
    expect(schemaProblems('test-problems', testJunit(problemReport(), {color: false, cwd: TEST_CWD}))).toBe('');
  });

  it('is a check that can fail: an attribute junit-10.xsd does not declare is refused', () => {
    expect(schemaProblems('refused', '<?xml version="1.0"?>\n<testsuites skipped="1"/>\n')).toMatch(/attribute 'skipped' is not allowed/);
  });
});
