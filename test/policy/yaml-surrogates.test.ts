import {describe, expect, it} from 'vitest';
import {readYaml, YamlSyntaxError} from '../../src/policy/yaml.js';

function readError(text: string): YamlSyntaxError {
  try {
    readYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('surrogate escapes in double-quoted scalars', () => {
  it('refuses a high and a low surrogate escape in a row, which PyYAML keeps as two lone surrogates', () => {
    for (const text of ['r: "\\ud83d\\ude00"', 'r: "\\U0000D83D\\uDE00"', 'r: "x\\ud83d\\\n   \\ude00"', '"\\ud83d\\ude00": 1']) {
      expect(readError(text).code).toBe('unsupported');
    }
  });

  it('keeps a lone surrogate escape, and escapes that something separates', () => {
    expect(readYaml('r: "\\ud800"').value).toEqual({r: '\ud800'});
    expect(readYaml('r: "\\ud83d \\ude00"').value).toEqual({r: '\ud83d \ude00'});
    expect(readYaml('r: "\\ud83d\\\\ude00"').value).toEqual({r: '\ud83d\\ude00'});
  });

  it('reads the character itself and its \\U escape as one character', () => {
    expect(readYaml('r: "😀\\U0001F600"').value).toEqual({r: '😀😀'});
  });
});
