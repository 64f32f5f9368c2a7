import {describe, expect, it} from 'vitest';
import {textReporter} from '../../../../src/cli/reporters/lint/text.js';
import {CWD, cleanReport, reportWithFindings} from './fixture.js';

describe('text lint format', () => {
  it('prints exactly one line per finding: file:line:col severity rule message', () => {
    expect(textReporter(reportWithFindings, {color: false, cwd: CWD})).toBe(
      [
        'policies/medical.yaml:4:5 warning roles/duplicate role "planner" is listed twice',
        'policies/medical.yaml:6:13 error schema/type must be array',
        'policies/medical.yaml:8:11 error guards/syntax unexpected end of expression',
        'policies/loop.yaml:1:1 error extends/cycle extends forms a cycle: loop.yaml → base.yaml → loop.yaml',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run', () => {
    expect(textReporter(cleanReport, {color: false, cwd: CWD})).toBe('');
  });

  it('keeps a multi-line message on its finding line', () => {
    const finding = {...reportWithFindings.files[1].findings[0], message: 'first line\n  second line'};
    const report = {...reportWithFindings, files: [{file: finding.file, findings: [finding]}]};
    expect(textReporter(report, {color: false, cwd: CWD})).toBe(
      'policies/loop.yaml:1:1 error extends/cycle first line second line\n',
    );
  });

  it('never colours, even when colour is allowed', () => {
    expect(textReporter(reportWithFindings, {color: true, cwd: CWD})).not.toContain('\u001b[');
  });

  it('shows paths as given when no working folder is known, and keeps paths outside it', () => {
    expect(textReporter(reportWithFindings, {color: false})).toMatch(/^\/repo\/policies\/medical\.yaml:4:5 /);
    expect(textReporter(reportWithFindings, {color: false, cwd: '/elsewhere'})).toMatch(/^\.\.\/repo\/policies\/medical\.yaml:4:5 /);
  });
});
