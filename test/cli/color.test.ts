import {describe, expect, it} from 'vitest';
import {type ColorInputs, chalkFor, colorLevel, shouldColor} from '../../src/cli/color.js';

const tty = {isTTY: true, getColorDepth: () => 8};
const pipe = {isTTY: false};

function level(overrides: Partial<ColorInputs>): number {
  return colorLevel({stream: tty, env: {}, ...overrides});
}

describe('colour decision', () => {
  it.each([
    // stream, flag, env, machine format → level
    {name: 'a terminal', stream: tty, colorFlag: undefined, env: {}, machineFormat: false, expected: 2},
    {name: 'a pipe', stream: pipe, colorFlag: undefined, env: {}, machineFormat: false, expected: 0},
    {name: '--no-color on a terminal', stream: tty, colorFlag: false, env: {}, machineFormat: false, expected: 0},
    {name: '--no-color with FORCE_COLOR', stream: tty, colorFlag: false, env: {FORCE_COLOR: '3'}, machineFormat: false, expected: 0},
    {name: '--color on a pipe', stream: pipe, colorFlag: true, env: {}, machineFormat: false, expected: 1},
    {name: '--color despite NO_COLOR', stream: tty, colorFlag: true, env: {NO_COLOR: '1'}, machineFormat: false, expected: 2},
    {name: 'NO_COLOR on a terminal', stream: tty, colorFlag: undefined, env: {NO_COLOR: '1'}, machineFormat: false, expected: 0},
    {name: 'empty NO_COLOR is ignored', stream: tty, colorFlag: undefined, env: {NO_COLOR: ''}, machineFormat: false, expected: 2},
    {name: 'NO_COLOR beats FORCE_COLOR', stream: tty, colorFlag: undefined, env: {NO_COLOR: '1', FORCE_COLOR: '1'}, machineFormat: false, expected: 0},
    {name: 'FORCE_COLOR on a pipe', stream: pipe, colorFlag: undefined, env: {FORCE_COLOR: '1'}, machineFormat: false, expected: 1},
    {name: 'empty FORCE_COLOR on a pipe', stream: pipe, colorFlag: undefined, env: {FORCE_COLOR: ''}, machineFormat: false, expected: 1},
    {name: 'FORCE_COLOR=3 on a pipe', stream: pipe, colorFlag: undefined, env: {FORCE_COLOR: '3'}, machineFormat: false, expected: 3},
    {name: 'FORCE_COLOR=0 on a terminal', stream: tty, colorFlag: undefined, env: {FORCE_COLOR: '0'}, machineFormat: false, expected: 0},
    {name: 'FORCE_COLOR=false on a terminal', stream: tty, colorFlag: undefined, env: {FORCE_COLOR: 'false'}, machineFormat: false, expected: 0},
    {name: 'a machine format on a terminal', stream: tty, colorFlag: undefined, env: {}, machineFormat: true, expected: 0},
    {name: 'a machine format with --color', stream: tty, colorFlag: true, env: {FORCE_COLOR: '3'}, machineFormat: true, expected: 0},
  ])('$name → level $expected', ({stream, colorFlag, env, machineFormat, expected}) => {
    expect(colorLevel({stream, colorFlag, env, machineFormat})).toBe(expected);
  });

  it('follows the depth the terminal reports, none for a dumb terminal', () => {
    expect(level({stream: {isTTY: true, getColorDepth: () => 24}})).toBe(3);
    expect(level({stream: {isTTY: true, getColorDepth: () => 4}})).toBe(1);
    expect(level({stream: {isTTY: true, getColorDepth: () => 1}})).toBe(0);
  });

  it('hands the decision environment to the terminal depth probe', () => {
    const seen: unknown[] = [];
    const getColorDepth = (env?: Record<string, string | undefined>): number => {
      seen.push(env);
      return 8;
    };
    level({stream: {isTTY: true, getColorDepth}, env: {TERM: 'xterm'}});
    expect(seen).toEqual([{TERM: 'xterm'}]);
  });

  it('gives a chalk instance fixed to the decision, whatever chalk detects itself', () => {
    expect(chalkFor({stream: pipe, env: {}}).red('x')).toBe('x');
    expect(chalkFor({stream: pipe, env: {FORCE_COLOR: '1'}}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(shouldColor({stream: tty, env: {NO_COLOR: 'yes'}})).toBe(false);
  });
});
