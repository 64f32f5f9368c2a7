import {describe, expect, it} from 'vitest';
import {LINT_FORMATS, lintReporters} from '../../../../src/cli/reporters/lint/index.js';
import {CWD, reportWithFindings} from './fixture.js';

describe('lint reporter registry', () => {
  it('has one reporter for each format the contract names', () => {
    expect(LINT_FORMATS).toEqual(['pretty', 'text', 'json', 'sarif', 'github', 'junit']);
    expect(Object.keys(lintReporters).sort()).toEqual([...LINT_FORMATS].sort());
  });

  it.each(LINT_FORMATS)('%s output ends with a newline and is the same on every call', (format) => {
    const first = lintReporters[format](reportWithFindings, {color: false, cwd: CWD});
    expect(first.endsWith('\n')).toBe(true);
    expect(lintReporters[format](reportWithFindings, {color: false, cwd: CWD})).toBe(first);
  });

  it.each(LINT_FORMATS.filter((format) => format !== 'pretty'))('%s output is never coloured', (format) => {
    expect(lintReporters[format](reportWithFindings, {color: true, cwd: CWD})).not.toContain('\u001b[');
  });
});
