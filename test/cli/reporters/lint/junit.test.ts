import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {junitReporter} from '../../../../src/cli/reporters/lint/junit.js';
import type {LintReport} from '../../../../src/cli/reporters/lint/types.js';
import {CWD, cleanReport, reportWithFindings} from './fixture.js';

interface ParsedCase {
  '@_name': string;
  '@_classname': string;
  failure?: {'@_message': string; '@_type': string; '#text'?: string}[];
  'system-out'?: string;
}

interface ParsedSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: ParsedCase[];
}

interface ParsedDocument {
  testsuites: {'@_tests': string; '@_failures': string; '@_errors': string; testsuite: ParsedSuite[]};
}

function parseJUnit(xml: string): ParsedDocument {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name),
  });
  return parser.parse(xml);
}

describe('junit lint format', () => {
  it('is well-formed XML with one suite per file and one case per rule, failing the rules with errors', () => {
    const xml = junitReporter(reportWithFindings, {color: false, cwd: CWD});
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const {testsuites} = parseJUnit(xml);
    expect([testsuites['@_tests'], testsuites['@_failures'], testsuites['@_errors']]).toEqual(['15', '3', '0']);
    expect(testsuites.testsuite.map((suite) => [suite['@_name'], suite['@_tests'], suite['@_failures']])).toEqual([
      ['policies/medical.yaml', '5', '2'],
      ['policies/loop.yaml', '5', '1'],
      ['policies/clean.yaml', '5', '0'],
    ]);
    const medical = testsuite(testsuites, 'policies/medical.yaml');
    expect(medical.testcase.map((testCase) => testCase['@_name'])).toEqual([
      'schema/type',
      'roles/duplicate',
      'guards/syntax',
      'extends/cycle',
      'dates/order',
    ]);
    expect(medical.testcase[0]).toMatchObject({
      '@_classname': 'policies/medical.yaml',
      failure: [{'@_message': 'must be array', '@_type': 'schema/type', '#text': 'policies/medical.yaml:6:13 error must be array'}],
    });
  });

  it('never fails on a warning and reports it as the case output', () => {
    const duplicate = testsuite(parseJUnit(junitReporter(reportWithFindings, {color: false, cwd: CWD})).testsuites, 'policies/medical.yaml')
      .testcase[1];
    expect(duplicate.failure).toBeUndefined();
    expect(duplicate['system-out']).toBe('policies/medical.yaml:4:5 warning role "planner" is listed twice');
  });

  it('gathers several errors of one rule in one failure', () => {
    const file = reportWithFindings.files[0];
    const second = {...file.findings[1], message: 'must be string', range: {start: {line: 1, column: 17}, end: {line: 1, column: 22}}};
    const report: LintReport = {...reportWithFindings, files: [{...file, findings: [file.findings[1], second]}]};
    const [failure] = parseJUnit(junitReporter(report, {color: false, cwd: CWD})).testsuites.testsuite[0].testcase[0].failure ?? [];
    expect(failure['@_message']).toBe('2 errors of rule schema/type');
    expect(failure['#text']).toBe('policies/medical.yaml:6:13 error must be array\npolicies/medical.yaml:1:17 error must be string');
  });

  it('has no failures for a clean run', () => {
    const {testsuites} = parseJUnit(junitReporter(cleanReport, {color: false, cwd: CWD}));
    expect([testsuites['@_tests'], testsuites['@_failures']]).toEqual(['10', '0']);
    expect(testsuites.testsuite.every((suite) => suite.testcase.every((testCase) => testCase.failure === undefined))).toBe(true);
  });

  it('escapes markup and drops characters XML cannot carry, so text comes back as written', () => {
    const message = 'expected <string> & got "a\'b" ]]> \u0001here';
    const finding = {
      ruleId: 'schema/type',
      severity: 'error' as const,
      message,
      file: '/repo/<odd> & "name".yaml',
      range: {start: {line: 1, column: 1}, end: {line: 1, column: 2}},
    };
    const report: LintReport = {...reportWithFindings, files: [{file: finding.file, findings: [finding]}]};
    const xml = junitReporter(report, {color: false, cwd: CWD});
    const suite = parseJUnit(xml).testsuites.testsuite[0];
    const expectedMessage = 'expected <string> & got "a\'b" ]]> \uFFFDhere';
    expect(suite['@_name']).toBe('<odd> & "name".yaml');
    const [failure] = suite.testcase[0].failure ?? [];
    expect(failure['@_message']).toBe(expectedMessage);
    expect(failure['#text']).toBe(`<odd> & "name".yaml:1:1 error ${expectedMessage}`);
  });
});

function testsuite(testsuites: ParsedDocument['testsuites'], name: string): ParsedSuite {
  const suite = testsuites.testsuite.find((candidate) => candidate['@_name'] === name);
  if (suite === undefined) throw new Error(`no test suite ${name}`);
  return suite;
}
