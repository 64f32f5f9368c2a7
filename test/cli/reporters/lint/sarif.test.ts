import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type {Log} from 'sarif';
import {describe, expect, it} from 'vitest';
import {sarifReporter} from '../../../../src/cli/reporters/lint/sarif.js';
import type {LintReport} from '../../../../src/cli/reporters/lint/types.js';
import {CWD, cleanReport, reportWithAstralFinding, reportWithFindings} from './fixture.js';

// The SARIF 2.1.0 JSON Schema as published by the SARIF maintainers (schemastore's
// sarif-2.1.0-rtm.5, a JSON Schema draft-04 document), shipped in @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
// unicodeRegExp off: the schema's `language` pattern has a stray `]`, legal only without the u flag.
const ajv = new AjvDraft04.default({allErrors: true, unicodeRegExp: false});
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

function sarifOf(report: LintReport, cwd = CWD): Log {
  const output = sarifReporter(report, {color: false, cwd});
  expect(output.endsWith('}\n')).toBe(true);
  const log = JSON.parse(output);
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

describe('sarif lint format', () => {
  it('is a valid SARIF 2.1.0 log from the aigc driver with every rule that ran', () => {
    const log = sarifOf(reportWithFindings);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('aigc');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules?.map((rule) => [rule.id, rule.shortDescription?.text, rule.defaultConfiguration?.level])).toEqual([
      ['schema/type', 'Values have the type the policy schema requires', 'error'],
      ['roles/duplicate', 'A role is listed once', 'warning'],
      ['guards/syntax', 'Guard expressions parse', 'error'],
      ['extends/cycle', 'extends chains do not form a cycle', 'error'],
      ['dates/order', 'effective_date is before expiration_date', 'error'],
    ]);
  });

  it('gives each finding as a result with its rule, level, message and region relative to the working folder', () => {
    const results = sarifOf(reportWithFindings).runs[0].results ?? [];
    expect(results).toHaveLength(4);
    expect(results[1]).toEqual({
      ruleId: 'schema/type',
      ruleIndex: 0,
      level: 'error',
      message: {text: 'must be array'},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: 'policies/medical.yaml'},
            region: {startLine: 6, startColumn: 13, endLine: 6, endColumn: 16},
          },
        },
      ],
    });
    expect(results.map((result) => [result.ruleId, result.ruleIndex, result.level])).toEqual([
      ['roles/duplicate', 1, 'warning'],
      ['schema/type', 0, 'error'],
      ['guards/syntax', 2, 'error'],
      ['extends/cycle', 3, 'error'],
    ]);
  });

  it('counts columns in UTF-16 code units, as its columnKind says, where findings count code points', () => {
    const run = sarifOf(reportWithAstralFinding).runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results?.[0].locations?.[0].physicalLocation?.region).toEqual({startLine: 2, startColumn: 17, endLine: 2, endColumn: 18});
  });

  it('points a whole-file finding at the first line', () => {
    const result = (sarifOf(reportWithFindings).runs[0].results ?? [])[3];
    expect(result.locations?.[0].physicalLocation?.region).toEqual({startLine: 1, startColumn: 1, endLine: 1, endColumn: 1});
  });

  it('is a valid log with no results for a clean run', () => {
    const run = sarifOf(cleanReport).runs[0];
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toHaveLength(5);
  });

  it('percent-encodes URIs, uses file: URIs outside the working folder, and describes unlisted rules', () => {
    const finding = {
      ruleId: 'yaml/syntax',
      severity: 'error' as const,
      message: 'bad indentation',
      file: '/repo/my policies/ä#1.yaml',
      range: {start: {line: 2, column: 1}, end: {line: 2, column: 4}},
    };
    const outside = {...finding, file: '/shared/base.yaml'};
    const report: LintReport = {
      ...reportWithFindings,
      rules: [],
      files: [
        {file: finding.file, findings: [finding]},
        {file: outside.file, findings: [outside]},
      ],
    };
    const run = sarifOf(report).runs[0];
    const uris = (run.results ?? []).map((result) => result.locations?.[0].physicalLocation?.artifactLocation?.uri);
    expect(uris).toEqual(['my%20policies/%C3%A4%231.yaml', 'file:///shared/base.yaml']);
    expect(run.tool.driver.rules).toEqual([
      {id: 'yaml/syntax', shortDescription: {text: 'yaml/syntax'}, defaultConfiguration: {level: 'error'}},
    ]);
  });

  it('is what the schema accepts and nothing looser: a wrong level is refused', () => {
    const log = sarifOf(reportWithFindings);
    const broken = structuredClone(log);
    (broken.runs[0].results ?? [])[0].level = 'fatal' as never;
    expect(validateSarif(broken)).toBe(false);
  });
});
