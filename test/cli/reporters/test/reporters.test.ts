import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {Parser} from 'tap-parser';
import {beforeAll, describe, expect, it} from 'vitest';
import {githubReporter} from '../../../../src/cli/reporters/test/github.js';
import {jsonReporter} from '../../../../src/cli/reporters/test/json.js';
import {junitReporter} from '../../../../src/cli/reporters/test/junit.js';
import {prettyReporter} from '../../../../src/cli/reporters/test/pretty.js';
import {tapReporter} from '../../../../src/cli/reporters/test/tap.js';
import {textReporter} from '../../../../src/cli/reporters/test/text.js';
import type {TestReport} from '../../../../src/cli/reporters/test/types.js';
import {CWD, problemReport, sampleReport} from './fixture.js';

let report: TestReport;
beforeAll(async () => {
  report = await sampleReport();
});

const options = () => ({color: false, cwd: CWD});

describe('text test format', () => {
  it('has one line per case, the mismatch table under a failure, and the closing line', () => {
    const lines = textReporter(report, options()).trimEnd().split('\n');
    expect(lines[0]).toBe('ok    support #1 › agent passes');
    expect(lines[1]).toBe('FAIL  support #1 › intern <wrongly> expected & passing  fixtures/suites/sample.test.yaml:14');
    expect(lines[2]).toMatch(/^\s+field\s+expected\s+actual$/);
    expect(lines[3]).toMatch(/^\s+result\s+"pass"\s+"fail"$/);
    expect(lines[4]).toBe("        failed at role_validation (GovernanceViolationError): Unauthorized role 'intern'");
    expect(lines).toContain('skip  support #1 › not yet # waiting for policy 2.0');
    expect(lines.at(-1)).toBe('2 passed, 4 failed, 2 skipped');
  });
});

describe('pretty test format', () => {
  it('lists the failing and skipped cases, counts the passing ones, recaps the failures, and ends with the counts and time', () => {
    const text = prettyReporter(report, options());
    expect(text).not.toContain('✓ support #1 › agent passes');
    const recap = text.slice(text.indexOf('Failures (4):\n'));
    expect(recap).toContain('\n  ✗ support #1 › intern at the wrong gate  fixtures/suites/sample.test.yaml:17\n');
    expect(recap.split('\n').filter((line) => line.startsWith('  ✗ '))).toHaveLength(4);
    expect(text).toContain('✗ support #1 › intern at the wrong gate  fixtures/suites/sample.test.yaml:17');
    expect(text).toContain("    failed at role_validation (GovernanceViolationError): Unauthorized role 'intern'\n✗ support #1 › intern at the wrong gate");
    expect(text).toMatch(/○ support #1 › not yet \(skipped: waiting for policy 2\.0\)/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^2 passed, 4 failed, 2 skipped \(\d+\.\d\d s\)$/);
  });

  it('lists the passing cases too when verbose, and only the failures when quiet', () => {
    expect(prettyReporter(report, {...options(), verbosity: 'verbose'})).toContain('✓ support #1 › agent passes');
    const quiet = prettyReporter(report, {...options(), verbosity: 'quiet'});
    expect(quiet).not.toMatch(/○|✓/);
    expect(quiet).toContain('✗ support #1 › intern at the wrong gate');
    const text = textReporter(report, {...options(), verbosity: 'quiet'});
    expect(text.split('\n').filter((line) => /^(ok|skip) /.test(line))).toEqual([]);
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 passed, 4 failed, 2 skipped');
    expect(text).toMatch(/^FAIL {2}support #1 › intern at the wrong gate/m);
  });

  it('is coloured only when asked', () => {
    expect(prettyReporter(report, options())).not.toMatch(/\x1b\[/);
    expect(prettyReporter(report, {...options(), color: true})).toMatch(/\x1b\[/);
  });
});

describe('junit test format', () => {
  interface ParsedCase {
    '@_name': string;
    '@_classname': string;
    failure?: {'@_message': string; '@_type': string; '#text': string}[];
    skipped?: {'@_message': string}[];
  }

  function parse(xml: string) {
    expect(XMLValidator.validate(xml)).toBe(true);
    const parser = new XMLParser({ignoreAttributes: false, parseAttributeValue: false, parseTagValue: false, isArray: (name) => ['testsuite', 'testcase', 'failure', 'skipped'].includes(name)});
    return parser.parse(xml) as {
      testsuites: {'@_tests': string; '@_failures': string; testsuite: {'@_name': string; '@_file': string; '@_tests': string; '@_skipped': string; testcase: ParsedCase[]}[]};
    };
  }

  it('is well-formed with one test case per case, counts that agree, unique names and each suite\'s file', () => {
    const {testsuites} = parse(junitReporter(report, options()));
    expect([testsuites['@_tests'], testsuites['@_failures']]).toEqual(['8', '4']);
    expect(testsuites.testsuite.map((suite) => [suite['@_name'], suite['@_file'], suite['@_tests'], suite['@_skipped']])).toEqual([
      ['support #1', 'fixtures/suites/sample.test.yaml', '4', '1'],
      ['support #1', 'fixtures/suites/other.test.yaml', '4', '1'],
    ]);
    const cases = testsuites.testsuite.flatMap((suite) => suite.testcase);
    const keys = cases.map((item) => `${item['@_classname']}|${item['@_name']}`);
    expect(new Set(keys).size).toBe(cases.length);
    expect(cases[1]['@_name']).toBe('intern <wrongly> expected & passing');
    expect(cases[1].failure?.[0]['#text']).toMatch(/^at fixtures\/suites\/sample\.test\.yaml:14\n/);
    expect(cases[5]['@_name']).toBe('intern <wrongly> expected & passing (fixtures/suites/other.test.yaml:14)');
  });

  it('carries the expected and actual values in each failure, and the reason of each skip', () => {
    const cases = parse(junitReporter(report, options())).testsuites.testsuite[0].testcase;
    const failure = cases[2].failure![0];
    expect(failure['@_message']).toBe('gate: expected "tool_validation", got "role_validation" (and 1 more)');
    expect(failure['@_type']).toBe('gate');
    expect(failure['#text']).toContain('at fixtures/suites/sample.test.yaml:17');
    expect(failure['#text']).toMatch(/artifact \/metadata\/gates_evaluated\s+\[\]\s+\["guard_evaluation"\]/);
    expect(cases[3].skipped![0]['@_message']).toBe('waiting for policy 2.0');
  });
});

describe('tap test format', () => {
  function parseTap(text: string): Promise<{results: {ok: boolean; count: number; pass: number; fail: number; skip: number; plan: {start: number; end: number}}; failures: {name: string; diag: Record<string, unknown>}[]}> {
    return new Promise((resolve) => {
      const failures: {name: string; diag: Record<string, unknown>}[] = [];
      const parser = new Parser((results) => resolve({results: results as never, failures}));
      parser.on('fail', (point: {name: string; diag: Record<string, unknown>}) => failures.push(point));
      parser.end(text);
    });
  }

  it('parses with a TAP parser: counts, plan, skips and YAML diagnostics', async () => {
    const text = tapReporter(report, options());
    expect(text.startsWith('TAP version 14\n')).toBe(true);
    const {results, failures} = await parseTap(text);
    expect([results.ok, results.count, results.pass, results.fail, results.skip]).toEqual([false, 8, 4, 4, 2]);
    expect(results.plan).toMatchObject({start: 1, end: 8});
    expect(failures[0].name).toBe('support #1 › intern <wrongly> expected & passing');
    expect(failures[0].diag).toMatchObject({at: 'fixtures/suites/sample.test.yaml:14', line: 14, mismatches: [{field: 'result', relation: 'equals', expected: 'pass', actual: 'fail'}]});
    expect(failures[1].diag.mismatches).toEqual([
      {field: 'gate', relation: 'equals', expected: 'tool_validation', actual: 'role_validation'},
      {field: 'artifact /metadata/gates_evaluated', relation: 'equals', expected: [], actual: ['guard_evaluation']},
    ]);
  });

  it('escapes # in descriptions so a name is not read as a directive', async () => {
    const text = tapReporter(report, options());
    expect(text).toContain('ok 1 - support \\#1 › agent passes\n');
  });
});

describe('github test format', () => {
  it('annotates every failing case at its file and line, and keeps the log lines and closing line', () => {
    const lines = githubReporter(report, options()).trimEnd().split('\n');
    const annotations = lines.filter((line) => line.startsWith('::error '));
    expect(annotations).toHaveLength(4);
    expect(annotations[0]).toMatch(/^::error file=fixtures\/suites\/sample\.test\.yaml,line=14,title=support #1 › intern <wrongly> expected & passing::result: expected "pass", got "fail"%0A/);
    expect(lines).toContain('ok    support #1 › agent passes');
    expect(lines.at(-1)).toBe('2 passed, 4 failed, 2 skipped');
  });
});

describe('json test format', () => {
  it('is a versioned document with the counts and every case', () => {
    const document = JSON.parse(jsonReporter(report, options()));
    expect(document.formatVersion).toBe(1);
    expect(document.summary).toMatchObject({total: 8, passed: 2, failed: 4, skipped: 2, bailed: false});
    expect(document.cases[2]).toMatchObject({
      name: 'intern at the wrong gate',
      file: 'fixtures/suites/sample.test.yaml',
      line: 17,
      status: 'failed',
      actual: {result: 'fail', gate: 'role_validation', error: 'GovernanceViolationError'},
      mismatches: [
        {field: 'gate', relation: 'equals', expected: 'tool_validation', actual: 'role_validation'},
        {field: 'artifact', pointer: '/metadata/gates_evaluated', expected: [], actual: ['guard_evaluation']},
      ],
    });
  });
});

describe('a run with suites that could not be loaded', () => {
  it('is annotated for GitHub at each suite\'s file and line', () => {
    expect(githubReporter(problemReport(), options()).trimEnd().split('\n')).toEqual([
      "::error file=fixtures/suites/typo.test.yaml,line=7,col=5,title=suite could not be loaded::cases[0]: unknown key 'expekt' (did you mean 'expect'?)",
      '::error file=locked.test.yaml,title=suite could not be loaded::cannot read the suite: EACCES',
      '0 passed, 0 failed, 2 suite files not loaded',
    ]);
  });

  it('is a JUnit document with an <error> test case per suite', () => {
    const xml = junitReporter(problemReport(), options());
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name)}).parse(xml);
    expect(parsed.testsuites).toMatchObject({'@_tests': '2', '@_errors': '2', '@_failures': '0'});
    expect(parsed.testsuites.testsuite[0]['@_file']).toBe('fixtures/suites/typo.test.yaml');
    expect(parsed.testsuites.testsuite[0].testcase[0]).toMatchObject({
      error: {'@_type': 'SCHEMA', '@_message': "fixtures/suites/typo.test.yaml:7:5: cases[0]: unknown key 'expekt' (did you mean 'expect'?)"},
    });
  });

  it('fails a TAP test point per suite file (no bail-out: the other suites ran), and lists the suites in JSON', async () => {
    const tap = tapReporter(problemReport(), options());
    const results = await new Promise<{ok: boolean; fail: number; bailout: unknown}>((resolve) => {
      const parser = new Parser((final) => resolve(final));
      parser.end(tap);
    });
    expect(results).toMatchObject({ok: false, fail: 2, bailout: false});
    expect(tap).toContain('not ok 1 - load the suite fixtures/suites/typo.test.yaml');
    expect(JSON.parse(jsonReporter(problemReport(), options())).suiteErrors).toEqual([
      {file: 'fixtures/suites/typo.test.yaml', line: 7, column: 5, code: 'SCHEMA', message: "cases[0]: unknown key 'expekt' (did you mean 'expect'?)"},
      {file: 'locked.test.yaml', code: 'UNREADABLE', message: 'cannot read the suite: EACCES'},
    ]);
    expect(JSON.parse(jsonReporter(report, options())).suiteErrors).toEqual([]);
  });

  it('counts them in the closing line of the human formats (stderr tells each problem)', () => {
    expect(textReporter(problemReport(), options())).toBe('0 passed, 0 failed, 2 suite files not loaded\n');
    expect(prettyReporter(problemReport(), options())).toMatch(/^0 passed, 0 failed, 2 suite files not loaded \(/);
  });
});
