import {describe, expect, it} from 'vitest';
import {jsonReporter, type LintJsonReport} from '../../../../src/cli/reporters/lint/json.js';
import {CWD, cleanReport, reportWithFindings} from './fixture.js';

describe('json lint format', () => {
  it('gives the versioned document: tool, counts, and every file with its findings', () => {
    const output = jsonReporter(reportWithFindings, {color: false, cwd: CWD});
    expect(output.endsWith('}\n')).toBe(true);
    const document: LintJsonReport = JSON.parse(output);
    expect(document).toEqual({
      formatVersion: 1,
      tool: {name: 'aigc', version: '0.1.0'},
      fileCount: 3,
      errorCount: 3,
      warningCount: 1,
      suppressedCount: 0,
      files: [
        {
          file: 'policies/medical.yaml',
          errorCount: 2,
          warningCount: 1,
          findings: [
            {
              ruleId: 'roles/duplicate',
              severity: 'warning',
              message: 'role "planner" is listed twice',
              range: {start: {line: 4, column: 5}, end: {line: 4, column: 12}},
            },
            {
              ruleId: 'schema/type',
              severity: 'error',
              message: 'must be array',
              range: {start: {line: 6, column: 13}, end: {line: 6, column: 16}},
            },
            {
              ruleId: 'guards/syntax',
              severity: 'error',
              message: 'unexpected end of expression',
              range: {start: {line: 8, column: 11}, end: {line: 8, column: 21}},
            },
          ],
          suppressed: [],
        },
        {
          file: 'policies/loop.yaml',
          errorCount: 1,
          warningCount: 0,
          findings: [
            {
              ruleId: 'extends/cycle',
              severity: 'error',
              message: 'extends forms a cycle: loop.yaml → base.yaml → loop.yaml',
              range: null,
            },
          ],
          suppressed: [],
        },
        {file: 'policies/clean.yaml', errorCount: 0, warningCount: 0, findings: [], suppressed: []},
      ],
      skipped: [],
    });
  });

  it('lists suppressed findings apart, with their reasons, counted in neither errors nor warnings', () => {
    const [medical, ...others] = reportWithFindings.files;
    const [first, ...rest] = medical.findings;
    const report = {...reportWithFindings, files: [{...medical, findings: rest, suppressed: [{...first, justification: 'listed twice on purpose'}]}, ...others]};
    const document: LintJsonReport = JSON.parse(jsonReporter(report, {color: false, cwd: CWD}));
    expect(document.suppressedCount).toBe(1);
    expect(document.files[0].suppressed).toEqual([
      {
        ruleId: 'roles/duplicate',
        severity: 'warning',
        message: 'role "planner" is listed twice',
        range: {start: {line: 4, column: 5}, end: {line: 4, column: 12}},
        justification: 'listed twice on purpose',
      },
    ]);
    expect(document.files[0].findings.map((finding) => finding.ruleId)).toEqual(['schema/type', 'guards/syntax']);
  });

  it('lists the files a walk skipped as not policies, with why', () => {
    const report = {...cleanReport, skipped: [{file: `${CWD}/docker-compose.yml`, reason: 'not a policy: no key of its top level is one of the policy schema'}]};
    const document: LintJsonReport = JSON.parse(jsonReporter(report, {color: false, cwd: CWD}));
    expect(document.skipped).toEqual([{file: 'docker-compose.yml', reason: 'not a policy: no key of its top level is one of the policy schema'}]);
  });

  it('lists the clean files with zero counts', () => {
    const document: LintJsonReport = JSON.parse(jsonReporter(cleanReport, {color: false, cwd: CWD}));
    expect(document).toMatchObject({fileCount: 2, errorCount: 0, warningCount: 0});
    expect(document.files.map((file) => [file.file, file.findings.length])).toEqual([
      ['policies/clean.yaml', 0],
      ['policies/other.yaml', 0],
    ]);
  });

  it('is never coloured and does not carry the source text', () => {
    const output = jsonReporter(reportWithFindings, {color: true, cwd: CWD});
    expect(output).not.toContain('\u001b[');
    expect(output).not.toContain('pre_conditions');
  });
});
