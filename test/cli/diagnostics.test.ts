import {describe, expect, it} from 'vitest';
import {commandNotes, describeFailure} from '../../src/cli/diagnostics.js';
import {CliError, ExitCode, usageError} from '../../src/cli/exit-codes.js';
import {parseCommandLine} from '../../src/cli/start/parse.js';
import {POLICY_LINT} from '../../src/cli/specs/policy-lint.js';
import {Capture} from './capture.js';

describe('describeFailure', () => {
  it('prints a CliError as one line naming the file, with its own exit code', () => {
    const error = new CliError('cannot parse', ExitCode.Internal, {file: 'p.yaml', line: 2, column: 1});
    expect(describeFailure(error, {})).toEqual({exitCode: 3, stderr: 'aigc: p.yaml:2:1: cannot parse\n'});
  });

  it('names the command for a command whose failures name it', () => {
    expect(describeFailure(usageError('--chain-id needs --chain'), {}, 'enforce').stderr).toBe('aigc enforce: --chain-id needs --chain\n');
  });

  it('shows no stack trace unless DEBUG is set', () => {
    const error = usageError('unknown format "xml"');
    expect(describeFailure(error, {}).stderr).not.toContain('    at ');
    expect(describeFailure(error, {DEBUG: ''}).stderr).not.toContain('    at ');
    expect(describeFailure(error, {DEBUG: '1'}).stderr).toContain('    at ');
  });

  it('keeps the exit code of a parse error, naming the command it was given to', () => {
    let parseError: unknown;
    try {
      parseCommandLine(POLICY_LINT, ['policies', '--colour']);
    } catch (error) {
      parseError = error;
    }
    expect(describeFailure(parseError, {}, 'policy lint')).toEqual({
      exitCode: 2,
      stderr: 'aigc policy lint: unknown flag --colour; did you mean --color?\n',
    });
  });

  it('treats anything unexpected as an internal error (exit 3)', () => {
    const report = describeFailure(new TypeError('x is undefined'), {});
    expect(report.exitCode).toBe(3);
    expect(report.stderr).toBe('aigc: internal error: x is undefined (set DEBUG=1 for details)\n');
    expect(describeFailure('thrown string', {}).exitCode).toBe(3);
  });
});

describe('command notes', () => {
  it('write one line per note, after the command line', () => {
    const stderr = new Capture();
    const note = commandNotes(stderr, 'policy lint');
    note('1 warning, more than --max-warnings 0');
    note('teams: no policy files (*.yaml, *.yml) found');
    expect(stderr.text).toBe('aigc policy lint: 1 warning, more than --max-warnings 0\naigc policy lint: teams: no policy files (*.yaml, *.yml) found\n');
  });
});
