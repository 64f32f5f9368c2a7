import {describe, expect, it} from 'vitest';
import {GuardEvaluationError} from '../../src/errors.js';
import {tokenize} from '../../src/guards/tokenizer.js';

const shape = (expression: string) => tokenize(expression).map((token) => `${token.type} ${token.text}`);

describe('the guard tokenizer', () => {
  it('produces the verified token stream of the spec', () => {
    expect(shape("a == 'b' and not (c in d) or -1.5 >= x.y")).toEqual([
      'IDENT a',
      'OP ==',
      'STRING b',
      'KEYWORD and',
      'KEYWORD not',
      'PAREN (',
      'IDENT c',
      'KEYWORD in',
      'IDENT d',
      'PAREN )',
      'KEYWORD or',
      'NUMBER -1.5',
      'OP >=',
      'IDENT x.y',
    ]);
  });

  it('treats keywords as identifiers unless whitespace or the end follows', () => {
    expect(shape('not(x)')).toEqual(['IDENT not', 'PAREN (', 'IDENT x', 'PAREN )']);
    expect(shape('andy index and.x AND')).toEqual(['IDENT andy', 'IDENT index', 'IDENT and.x', 'IDENT AND']);
    expect(shape('t\u3000and\u00a0t')).toEqual(['IDENT t', 'KEYWORD and', 'IDENT t']);
  });

  it('needs no spaces between tokens', () => {
    expect(shape('count>=5and t')).toEqual(['IDENT count', 'OP >=', 'NUMBER 5', 'KEYWORD and', 'IDENT t']);
    expect(shape('role==planner')).toEqual(['IDENT role', 'OP ==', 'IDENT planner']);
  });

  it('reads numbers without exponents, hex or a leading dot', () => {
    expect(shape('1e1 0x10')).toEqual(['NUMBER 1', 'IDENT e1', 'NUMBER 0', 'IDENT x10']);
    expect(shape('<>')).toEqual(['OP <', 'OP >']);
  });

  it('accepts any Unicode decimal digit in a number, as Python 3.11 does', () => {
    expect(shape('٥ -١.٥ 𝟘')).toEqual(['NUMBER ٥', 'NUMBER -١.٥', 'NUMBER 𝟘']);
  });

  it('strips quotes and allows no escapes inside strings', () => {
    expect(shape(`"it's" 'say "x"' ''`)).toEqual(["STRING it's", 'STRING say "x"', 'STRING ']);
  });

  it('reports an unexpected character by its code-point position', () => {
    const failure = () => tokenize("'😀' & t");
    expect(failure).toThrow(GuardEvaluationError);
    expect(failure).toThrow("Unexpected character in guard expression at position 4: '&'");
  });

  it('reports an unterminated string at its opening quote', () => {
    expect(() => tokenize("t == 'abc")).toThrow("Unexpected character in guard expression at position 5: '''");
  });
});
