import {describe, expect, it} from 'vitest';
import {reportSettings} from '../../src/cli/report-settings.js';
import {LINT_FORMATS} from '../../src/cli/reporters/lint/formats.js';

const tty = {isTTY: true, getColorDepth: () => 8};

describe('report settings', () => {
  it('gives pretty, coloured output on a terminal', () => {
    expect(reportSettings({}, LINT_FORMATS, tty, {})).toEqual({format: 'pretty', color: true, outputFile: undefined});
  });

  it('treats -o FILE like a pipe: the plain default and no colour', () => {
    expect(reportSettings({output: 'lint.txt'}, LINT_FORMATS, tty, {})).toEqual({
      format: 'text',
      color: false,
      outputFile: 'lint.txt',
    });
  });

  it('colours a report written with -o FILE only when --color asks, whatever FORCE_COLOR says', () => {
    expect(reportSettings({format: 'pretty', output: 'lint.txt'}, LINT_FORMATS, tty, {FORCE_COLOR: '1'}).color).toBe(false);
    expect(reportSettings({format: 'pretty', output: 'lint.txt', color: true}, LINT_FORMATS, tty, {}).color).toBe(true);
  });

  it('never colours a machine format', () => {
    expect(reportSettings({format: 'sarif', color: true}, LINT_FORMATS, tty, {FORCE_COLOR: '3'}).color).toBe(false);
  });

  it('honours --no-color and NO_COLOR for pretty', () => {
    expect(reportSettings({color: false}, LINT_FORMATS, tty, {}).color).toBe(false);
    expect(reportSettings({}, LINT_FORMATS, tty, {NO_COLOR: '1'}).color).toBe(false);
  });
});
