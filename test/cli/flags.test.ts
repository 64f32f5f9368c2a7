import {describe, expect, it} from 'vitest';
import {reportFlags} from '../../src/cli/flags.js';
import {LINT_FORMATS} from '../../src/cli/reporters/lint/index.js';

describe('report flags', () => {
  const flags = reportFlags(LINT_FORMATS);

  it('offers -f/--format listing the formats, --json, -o/--output and --color/--no-color', () => {
    expect(flags.format.char).toBe('f');
    expect(flags.format.description).toBe('Output format: pretty, text, json, sarif, github, junit.');
    expect(flags.json.type).toBe('boolean');
    expect(flags.output.char).toBe('o');
    expect(flags.color.allowNo).toBe(true);
  });

  it('leaves format validation to selectFormat, so a bad value is our usage error', () => {
    expect(flags.format.options).toBeUndefined();
  });
});
