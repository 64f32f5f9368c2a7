import {describe, expect, it} from 'vitest';
import {LINT_FORMATS} from '../../../../src/cli/reporters/lint/formats.js';
import {LINT_REPORTERS} from '../../../../src/cli/reporters/lint/index.js';
import {CWD, reportWithFindings} from './fixture.js';

describe('lint reporter registry', () => {
  it('names each format the contract names', () => {
    expect(LINT_FORMATS.names).toEqual(['pretty', 'text', 'json', 'sarif', 'github', 'junit']);
  });

  it.each(LINT_FORMATS.names)('loads a %s reporter whose output ends with a newline and is the same on every call', async (format) => {
    const reporter = await LINT_REPORTERS[format]();
    const first = reporter(reportWithFindings, {color: false, cwd: CWD});
    expect(first.endsWith('\n')).toBe(true);
    expect(reporter(reportWithFindings, {color: false, cwd: CWD})).toBe(first);
  });

  it.each(LINT_FORMATS.names.filter((format) => format !== 'pretty'))('%s output is never coloured', async (format) => {
    expect((await LINT_REPORTERS[format]())(reportWithFindings, {color: true, cwd: CWD})).not.toContain('\u001b[');
  });
});
