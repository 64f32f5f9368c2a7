import {describe, expect, it} from 'vitest';
import {escapeData, escapeProperty, githubReporter} from '../../../../src/cli/reporters/lint/github.js';
import type {LintReport} from '../../../../src/cli/reporters/lint/types.js';
import {CWD, cleanReport, reportWithFindings} from './fixture.js';

describe('github lint format', () => {
  it('prints one workflow command per finding with its range and rule as title', () => {
    expect(githubReporter(reportWithFindings, {color: false, cwd: CWD})).toBe(
      [
        '::warning file=policies/medical.yaml,line=4,col=5,endLine=4,endColumn=12,title=roles/duplicate::role "planner" is listed twice',
        '::error file=policies/medical.yaml,line=6,col=13,endLine=6,endColumn=16,title=schema/type::must be array',
        '::error file=policies/medical.yaml,line=8,col=11,endLine=8,endColumn=21,title=guards/syntax::unexpected end of expression',
        '::error file=policies/loop.yaml,title=extends/cycle::extends forms a cycle: loop.yaml → base.yaml → loop.yaml',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run', () => {
    expect(githubReporter(cleanReport, {color: false, cwd: CWD})).toBe('');
  });

  it('gives no columns for a range over several lines, as GitHub requires', () => {
    const finding = {
      ...reportWithFindings.files[0].findings[1],
      range: {start: {line: 6, column: 3}, end: {line: 8, column: 4}},
    };
    const report: LintReport = {...reportWithFindings, files: [{file: finding.file, findings: [finding]}]};
    expect(githubReporter(report, {color: false, cwd: CWD})).toBe(
      '::error file=policies/medical.yaml,line=6,endLine=8,title=schema/type::must be array\n',
    );
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    const report: LintReport = {
      ...reportWithFindings,
      files: [
        {
          file: '/repo/odd, name:v2%.yaml',
          findings: [
            {
              ruleId: 'rule:with,chars',
              severity: 'error',
              message: '100% wrong:\r\nsee a, b',
              file: '/repo/odd, name:v2%.yaml',
              range: {start: {line: 1, column: 1}, end: {line: 1, column: 2}},
            },
          ],
        },
      ],
    };
    expect(githubReporter(report, {color: false, cwd: CWD})).toBe(
      '::error file=odd%2C name%3Av2%25.yaml,line=1,col=1,endLine=1,endColumn=2,title=rule%3Awith%2Cchars::100%25 wrong:%0D%0Asee a, b\n',
    );
  });

  it('escapes % first, so an escape sequence already in the text survives', () => {
    expect(escapeData('%0A\n')).toBe('%250A%0A');
    expect(escapeProperty('a%3Ab:c,d')).toBe('a%253Ab%3Ac%2Cd');
  });
});
