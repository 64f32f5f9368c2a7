// Which command a command line names, as oclif finds it, and what is left to
// oclif to render (help, the version, a topic).
import {describe, expect, it} from 'vitest';
import {COMMANDS} from '../../../src/cli/start/commands.js';
import {routeCommandLine} from '../../../src/cli/start/route.js';

const route = (argv: string[]) => {
  const found = routeCommandLine(argv, COMMANDS);
  return found.kind === 'command' ? {command: found.command.spec.id, argv: found.argv} : found;
};

describe('routing a command line', () => {
  it('finds the command its words name, and passes on the words after them', () => {
    expect(route(['policy', 'lint', 'policies/', '-f', 'json'])).toEqual({command: 'policy:lint', argv: ['policies/', '-f', 'json']});
    expect(route(['enforce', '--now', '0'])).toEqual({command: 'enforce', argv: ['--now', '0']});
    expect(route(['policy:lint', 'policies/'])).toEqual({command: 'policy:lint', argv: ['policies/']});
    expect(route(['chain', 'verify', '-'])).toEqual({command: 'chain:verify', argv: ['-']});
  });

  it('leaves --help and a topic to oclif', () => {
    for (const argv of [[], ['--help'], ['policy', 'lint', '--help'], ['enforce', '--now', '--help'], ['policy'], ['policy', '-x'], ['policy', 'lint=x']]) {
      expect(route(argv)).toEqual({kind: 'oclif'});
    }
  });

  it('does not take --help after -- for help', () => {
    expect(route(['policy', 'lint', '--', '--help'])).toEqual({command: 'policy:lint', argv: ['--', '--help']});
  });

  it('reads --version and -v first as aigc version, and help words as aigc help', () => {
    expect(route(['--version'])).toEqual({command: 'version', argv: []});
    expect(route(['-v'])).toEqual({command: 'version', argv: []});
    expect(route(['--version', 'x'])).toEqual({command: 'version', argv: ['x']});
    expect(route(['help', 'policy', 'lint'])).toEqual({command: 'help', argv: ['policy', 'lint']});
    expect(route(['help', 'policy', '--help'])).toEqual({command: 'help', argv: ['policy']});
    expect(route(['help', '--help'])).toEqual({command: 'help', argv: ['help']});
    expect(route(['policy', 'lint', '-v'])).toEqual({command: 'policy:lint', argv: ['-v']});
  });

  it('ends the command words at a command: what follows is its arguments', () => {
    expect(route(['enforce', 'extra'])).toEqual({command: 'enforce', argv: ['extra']});
    expect(route(['compliance', 'export', 'audit.jsonl'])).toEqual({command: 'compliance:export', argv: ['audit.jsonl']});
    expect(route(['schema', 'policy', 'x'])).toEqual({command: 'schema', argv: ['policy', 'x']});
  });

  it('names an unknown command as far as its words are topics, and one word more', () => {
    expect(route(['policy', 'lnt', 'policies/'])).toEqual({kind: 'unknown', words: 'policy lnt'});
    expect(route(['-h'])).toEqual({kind: 'unknown', words: '-h'});
    expect(route(['x', '--version'])).toEqual({kind: 'unknown', words: 'x'});
  });
});
