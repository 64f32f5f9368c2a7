import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {renderJUnitXml} from '../../../src/cli/reporters/junit-xml.js';

const parser = new XMLParser({ignoreAttributes: false, parseAttributeValue: false, parseTagValue: false});

describe('JUnit XML writer', () => {
  const xml = renderJUnitXml({
    name: 'aigc policy test',
    time: 1.5,
    suites: [
      {
        name: 'medical assistant policy',
        time: 1.25,
        timestamp: '2026-01-01T00:00:00Z',
        properties: [['policy', 'policies/medical.yaml']],
        testCases: [
          {name: 'planner may summarise', classname: 'medical', time: 0.5, failures: []},
          {
            name: 'unknown role is refused',
            classname: 'medical',
            failures: [{message: 'expected fail\ngot pass', type: 'mismatch', details: 'expected: fail\nactual:   pass'}],
            systemErr: 'policy loaded',
          },
          {name: 'later', classname: 'medical', failures: [], skipped: 'skip: true'},
        ],
      },
    ],
  });

  it('counts tests, failures and skips itself', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const {testsuites} = parser.parse(xml);
    expect(testsuites).toMatchObject({'@_tests': '3', '@_failures': '1', '@_errors': '0', '@_time': '1.500'});
    // junit-10.xsd counts skips per suite only.
    expect(testsuites['@_skipped']).toBeUndefined();
    expect(testsuites.testsuite).toMatchObject({
      '@_name': 'medical assistant policy',
      '@_tests': '3',
      '@_failures': '1',
      '@_skipped': '1',
      '@_time': '1.250',
      '@_timestamp': '2026-01-01T00:00:00Z',
      properties: {property: {'@_name': 'policy', '@_value': 'policies/medical.yaml'}},
    });
  });

  it('folds a multi-line failure message into one line and keeps the details verbatim', () => {
    const testCase = parser.parse(xml).testsuites.testsuite.testcase[1];
    expect(testCase.failure).toEqual({'@_message': 'expected fail got pass', '@_type': 'mismatch', '#text': 'expected: fail\nactual:   pass'});
    expect(testCase['system-err']).toBe('policy loaded');
  });

  it('marks skipped cases and gives times in seconds', () => {
    const cases = parser.parse(xml).testsuites.testsuite.testcase;
    expect(cases[0]['@_time']).toBe('0.500');
    expect(cases[2].skipped).toEqual({'@_message': 'skip: true'});
  });

  it('writes an empty document with zero counts', () => {
    const empty = renderJUnitXml({name: 'none', suites: []});
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parser.parse(empty).testsuites).toMatchObject({'@_tests': '0', '@_failures': '0'});
  });
});
