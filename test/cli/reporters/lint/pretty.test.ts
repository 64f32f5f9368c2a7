import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {prettyReporter} from '../../../../src/cli/reporters/lint/pretty.js';
import {CWD, cleanReport, reportWithAstralFinding, reportWithFindings} from './fixture.js';

const EXPECTED = `policies/medical.yaml:4:5 warning roles/duplicate role "planner" is listed twice
  2 | roles:
  3 |   - planner
> 4 |   - planner
    |     ^^^^^^^
  5 | pre_conditions:
  6 |   required: yes

policies/medical.yaml:6:13 error schema/type must be array
  4 |   - planner
  5 | pre_conditions:
> 6 |   required: yes
    |             ^^^
  7 | guards:
  8 |   - when: "role == "

policies/medical.yaml:8:11 error guards/syntax unexpected end of expression
   6 |   required: yes
   7 | guards:
>  8 |   - when: "role == "
     |           ^^^^^^^^^^
   9 |     then: {}
  10 |

policies/loop.yaml:1:1 error extends/cycle extends forms a cycle: loop.yaml → base.yaml → loop.yaml

✖ 3 errors, 1 warning in 2 files
`;

describe('pretty lint format', () => {
  it('shows each finding with location, severity, rule and message, then the offending lines underlined', () => {
    expect(prettyReporter(reportWithFindings, {color: false, cwd: CWD})).toBe(EXPECTED);
  });

  it('keeps code point columns in the header and underlines the right character after astral ones', () => {
    const output = prettyReporter(reportWithAstralFinding, {color: false, cwd: CWD});
    expect(output).toContain('emoji.yaml:2:15 error schema/type');
    const lines = output.split('\n');
    const code = lines.find((line) => line.startsWith('> 2 |'))!;
    const underline = lines[lines.indexOf(code) + 1];
    expect(code.slice(underline.indexOf('^'), underline.lastIndexOf('^') + 1)).toBe('1');
  });

  it('says how many files were checked when there is nothing to report', () => {
    expect(prettyReporter(cleanReport, {color: false, cwd: CWD})).toBe('✔ 2 files checked, no problems\n');
    const single = {...cleanReport, files: cleanReport.files.slice(0, 1)};
    expect(prettyReporter(single, {color: false})).toBe('✔ 1 file checked, no problems\n');
  });

  it('marks a run with only warnings differently from one with errors', () => {
    const warningsOnly = {
      ...reportWithFindings,
      errorCount: 0,
      warningCount: 1,
      files: [{...reportWithFindings.files[0], findings: [reportWithFindings.files[0].findings[0]]}],
    };
    expect(prettyReporter(warningsOnly, {color: false, cwd: CWD})).toMatch(/\n⚠ 0 errors, 1 warning in 1 file\n$/);
  });

  it('colours only when asked, and the colours add nothing but escape codes', () => {
    const coloured = prettyReporter(reportWithFindings, {color: true, cwd: CWD});
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[33m^^^^^^^\u001b[39m');
    expect(stripVTControlCharacters(coloured)).toBe(EXPECTED);
    expect(prettyReporter(reportWithFindings, {color: false, cwd: CWD})).not.toContain('\u001b[');
  });

  it('shows a finding without a code frame when the source text is not available', () => {
    const file = reportWithFindings.files[0];
    const withoutSource = {...reportWithFindings, files: [{file: file.file, findings: [file.findings[1]]}]};
    expect(prettyReporter(withoutSource, {color: false, cwd: CWD})).toBe(
      'policies/medical.yaml:6:13 error schema/type must be array\n\n✖ 3 errors, 1 warning in 1 file\n',
    );
  });

  it('underlines every line of a range that spans lines', () => {
    const file = reportWithFindings.files[0];
    const spanning = {
      ...reportWithFindings,
      files: [
        {
          ...file,
          findings: [{...file.findings[0], range: {start: {line: 3, column: 5}, end: {line: 4, column: 12}}}],
        },
      ],
    };
    const output = prettyReporter(spanning, {color: false, cwd: CWD});
    expect(output).toContain('> 3 |   - planner\n    |     ^^^^^^^\n> 4 |   - planner\n    | ^^^^^^^^^^^\n  5 |');
  });
});
