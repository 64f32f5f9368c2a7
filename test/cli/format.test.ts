import {describe, expect, it} from 'vitest';
import {CliError, ExitCode} from '../../src/cli/exit-codes.js';
import {isMachineFormat, parseFormat, selectFormat} from '../../src/cli/format.js';
import {LINT_FORMATS} from '../../src/cli/reporters/lint/formats.js';
import {thrownBy} from '../thrown.js';

const usageErrorOf = (action: () => unknown) => thrownBy(CliError, action);

describe('format selection', () => {
  it('defaults to pretty on a terminal and text otherwise', () => {
    expect(selectFormat({toTerminal: true}, LINT_FORMATS)).toBe('pretty');
    expect(selectFormat({toTerminal: false}, LINT_FORMATS)).toBe('text');
  });

  it('takes -f/--format', () => {
    expect(selectFormat({format: 'sarif', toTerminal: true}, LINT_FORMATS)).toBe('sarif');
  });

  it('reads --json as -f json, and accepts both together', () => {
    expect(selectFormat({json: true, toTerminal: true}, LINT_FORMATS)).toBe('json');
    expect(selectFormat({json: true, format: 'json', toTerminal: false}, LINT_FORMATS)).toBe('json');
  });

  it('refuses --json with another --format as a usage error', () => {
    const error = usageErrorOf(() => selectFormat({json: true, format: 'text', toTerminal: false}, LINT_FORMATS));
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toBe('--json conflicts with --format text; use one of them');
  });

  it('refuses an unknown format as a usage error naming the allowed values', () => {
    const error = usageErrorOf(() => selectFormat({format: 'xml', toTerminal: false}, LINT_FORMATS));
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toBe('unknown format "xml" for --format; expected one of: pretty, text, json, sarif, github, junit');
  });

  it('refuses --json for a command without a json format', () => {
    const spec = {names: ['pretty', 'text'] as const, terminalDefault: 'pretty', pipeDefault: 'text'} as const;
    const error = usageErrorOf(() => selectFormat({json: true, toTerminal: false}, spec));
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.message).toContain('pretty, text');
  });

  it('matches format names exactly', () => {
    expect(() => parseFormat('JSON', ['json'])).toThrow(CliError);
  });

  it('knows which formats are for machines', () => {
    expect(['json', 'sarif', 'github', 'junit', 'tap'].every(isMachineFormat)).toBe(true);
    expect(isMachineFormat('pretty')).toBe(false);
    expect(isMachineFormat('text')).toBe(false);
  });
});
