import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {MAX_ALIAS_EXPANSION, readYaml, YamlSyntaxError} from '../../src/policy/yaml.js';
import {pyRepr} from '../../src/python/repr.js';
import {isDict, originalKey, PyDate, PyDateTime, PyFloat, type PyDict, type PyValue} from '../../src/python/values.js';
import {aliasBomb} from './alias-bomb.js';
import {thrownBy} from '../thrown.js';

interface Vector {
  name: string;
  yaml: string;
  repr?: string;
  error?: string;
  message?: string;
  /** where PyYAML places the problem, "line:column" */
  mark?: string;
}

// Expectations recorded from PyYAML 6.0.3 `safe_load` by scripts/yaml-vectors.py.
const vectors: Vector[] = JSON.parse(readFileSync(new URL('../data/yaml/pyyaml-vectors.json', import.meta.url), 'utf8'));

/** Where we differ by a limit of the value model (Python tuples have no equivalent): the repr we give instead. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  omap: "[['a', 1], ['b', 2]]",
  pairs: "[['a', 1], ['a', 2]]",
};

/**
 * Where PyYAML reads a value and we refuse, because the `yaml` package cannot
 * be made to give the same value: why.
 */
const KNOWN_REFUSALS: Record<string, string> = {
  'a byte order mark after a comment line': 'the `yaml` package skips a byte order mark PyYAML reads as content',
};

/** PyYAML errors whose first line we reproduce (the `yaml` package words its own syntax errors). */
function sharesMessage(vector: Vector): boolean {
  if (vector.error === 'ScannerError') return vector.message === 'while scanning for the next token';
  return ['ComposerError', 'ConstructorError', 'ReaderError', 'ValueError'].includes(vector.error ?? '');
}

function markOf(error: YamlSyntaxError): string {
  return `${error.range?.start.line}:${error.range?.start.column}`;
}

const readError = (text: string) => thrownBy(YamlSyntaxError, () => readYaml(text));

function dict(value: PyValue): PyDict {
  if (!isDict(value)) throw new Error(`not a mapping: ${pyRepr(value)}`);
  return value;
}

describe('readYaml matches PyYAML safe_load', () => {
  for (const vector of vectors) {
    const ours = KNOWN_DIFFERENCES[vector.name];
    if (KNOWN_REFUSALS[vector.name]) {
      it(`refuses ${vector.name} (${KNOWN_REFUSALS[vector.name]})`, () => {
        expect(readError(vector.yaml).code).toBe('unsupported');
      });
    } else if (vector.repr !== undefined) {
      it(`reads ${vector.name}`, () => {
        expect(pyRepr(readYaml(vector.yaml).value)).toBe(ours ?? vector.repr);
      });
    } else {
      it(`refuses ${vector.name}`, () => {
        const error = readError(vector.yaml);
        const firstLine = error.message.split('\n')[0];
        if (sharesMessage(vector)) expect(firstLine).toBe(vector.message);
        // Where our wording is PyYAML's, so is the place we point at.
        if (firstLine === vector.message && vector.mark !== undefined) expect(markOf(error)).toBe(vector.mark);
      });
    }
  }
});

describe('YAML 1.1 scalar typing', () => {
  it('reads yes/on as booleans like YAML 1.1', () => {
    expect(readYaml('[yes, on, No, OFF]').value).toEqual([true, true, false, false]);
  });

  it('keeps integral floats apart from ints', () => {
    const [float, int, negativeZero] = readYaml('[1.0, 1, -0.0]').value as PyValue[];
    expect(float).toEqual(new PyFloat(1));
    expect(int).toBe(1);
    expect(negativeZero).toBeInstanceOf(PyFloat);
    expect(Object.is((negativeZero as PyFloat).value, -0)).toBe(true);
  });

  it('gives -0 as the int 0', () => {
    expect(Object.is(readYaml('-0').value, 0)).toBe(true);
  });

  it('keeps ints beyond 2^53 exact as bigint', () => {
    expect(readYaml('9007199254740993').value).toBe(9007199254740993n);
    expect(readYaml('9007199254740991').value).toBe(9007199254740991);
  });

  it('reads unquoted dates and datetimes as date objects', () => {
    expect(readYaml('2020-01-01').value).toEqual(new PyDate(2020, 1, 1));
    expect(readYaml('2020-01-01 10:00:00.5 +01:30').value).toEqual(new PyDateTime(2020, 1, 1, 10, 0, 0, 500000, 90));
  });

  it('refuses an impossible date as an invalid value', () => {
    const error = readError('effective_date: 2020-13-45');
    expect(error.code).toBe('invalid-value');
    expect(error.reason).toBe('month must be in 1..12');
    expect(error.range?.start).toEqual({line: 1, column: 17, offset: 16});
  });
});

describe('mappings', () => {
  it('records non-string keys so messages show them as written', () => {
    const value = dict(readYaml('7: a\nyes: b\nnull: c\n2.5: d\n').value);
    expect(Object.keys(value)).toEqual(['7', 'True', 'None', '2.5']);
    expect(originalKey(value, '7')).toBe(7);
    expect(originalKey(value, 'True')).toBe(true);
    expect(originalKey(value, '2.5')).toBe(2.5);
  });

  it('keeps a __proto__ key as data', () => {
    const value = dict(readYaml('__proto__: {polluted: true}\n').value);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats 1, 1.0 and true as one key, like a Python dict', () => {
    const value = dict(readYaml('{1: a, true: b, 1.0: c}').value);
    expect(Object.keys(value)).toEqual(['1']);
    expect(value['1']).toBe('c');
  });

  it('lets the last duplicate key win and lists the duplicates', () => {
    const document = readYaml('policy:\n  roles: [a]\n  roles: [b]\n');
    expect(dict(dict(document.value).policy).roles).toEqual(['b']);
    expect(document.duplicateKeys).toEqual([
      {path: ['policy'], key: 'roles', range: expect.objectContaining({start: {line: 3, column: 3, offset: 23}})},
    ]);
  });

  it('does not report keys a merge brought in as duplicates', () => {
    expect(readYaml('base: &b {a: 1}\nchild: {<<: *b, a: 2}\n').duplicateKeys).toEqual([]);
  });
});

describe('anchors and aliases', () => {
  it('yields the same object for an alias as for its anchor', () => {
    const value = dict(readYaml('a: &x [1, 2]\nb: *x\nc: &m {k: v}\nd: *m\n').value);
    expect(value.b).toBe(value.a);
    expect(value.d).toBe(value.c);
  });

  it('shares merged values with the mapping they came from', () => {
    const value = dict(readYaml('base: &b {roles: [a]}\nchild:\n  <<: *b\n').value);
    expect(dict(value.child).roles).toBe(dict(value.base).roles);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const error = readError(aliasBomb(9).trimEnd());
    expect(error.code).toBe('limit');
    expect(error.reason).toContain(String(MAX_ALIAS_EXPANSION));
  });

  it('accepts aliases that stay under the expansion limit', () => {
    const text = 'base: &b {roles: [a, b, c]}\n' + Array.from({length: 200}, (_, index) => `p${index}: *b`).join('\n');
    expect(Object.keys(dict(readYaml(text).value))).toHaveLength(201);
  });

  it('refuses a recursive alias, which PyYAML would turn into a cyclic value', () => {
    expect(readError('a: &x [*x]').code).toBe('limit');
    expect(readError('&x {a: *x}').code).toBe('limit');
  });
});

describe('tags PyYAML safe_load does not accept', () => {
  it('refuses !!python/object like PyYAML', () => {
    const error = readError('a: !!python/object:object {}');
    expect(error.code).toBe('unknown-tag');
    expect(error.pyYamlText('/p/policy.yaml')).toBe(
      "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:object'\n" +
        '  in "/p/policy.yaml", line 1, column 4',
    );
  });

  it('refuses !!binary and !!set, which the value model cannot hold', () => {
    expect(readError('!!binary aGVsbG8=').code).toBe('unsupported');
    expect(readError('!!set {a, b}').code).toBe('unsupported');
  });

  it('gives !!omap and !!pairs as lists of [key, value] lists', () => {
    expect(readYaml('!!omap [a: 1, b: 2]').value).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('streams', () => {
  it('reads an empty or comment-only file as null', () => {
    expect(readYaml('').value).toBeNull();
    expect(readYaml('# only a comment\n').value).toBeNull();
  });

  it('refuses a second document with both marks, as PyYAML prints them', () => {
    const error = readError('a: 1\n---\nb: 2\n');
    expect(error.code).toBe('multiple-documents');
    expect(error.pyYamlText('f.yaml')).toBe(
      'expected a single document in the stream\n  in "f.yaml", line 1, column 1\nbut found another document\n  in "f.yaml", line 2, column 1',
    );
  });

  it('refuses tabs used as indentation at the tab', () => {
    const error = readError('roles:\n\t- a\n');
    expect(error.pyYamlText('f.yaml')).toBe(
      "while scanning for the next token\nfound character '\\t' that cannot start any token\n  in \"f.yaml\", line 2, column 1",
    );
  });

  it('reports unacceptable characters by position like PyYAML', () => {
    expect(readError('a: \u0007').pyYamlText('f.yaml')).toBe(
      'unacceptable character #x0007: special characters are not allowed\n  in "f.yaml", position 3',
    );
  });

  it('counts a leading BOM as a column, as PyYAML does', () => {
    const document = readYaml('\ufeffa: 1\n');
    expect(document.value).toEqual({a: 1});
    expect(document.rangeOf(['a'])?.start).toEqual({line: 1, column: 5, offset: 4});
  });
});

describe('source positions', () => {
  const text = 'policy_version: "1.0"\nroles:\n  - planner\n  - verifier\nbase: &b\n  mode: strict\nrisk:\n  <<: *b\n  threshold: 0.5\n';
  const document = readYaml(text);

  it('gives the range of a value at a path of keys and indexes', () => {
    expect(document.rangeOf(['roles', 1])).toEqual({
      start: {line: 4, column: 5, offset: 45},
      end: {line: 4, column: 13, offset: 53},
    });
  });

  it('ends a block value that spans lines at its last character, not at column 1 of the line after it', () => {
    const block = 'roles:\n  - planner\n  - verifier\n\nrisk:\n  mode: strict\n  # a comment\nnote: |\n  two\n  lines\n\nx: 1\n';
    for (const simpleFirst of [false, true]) {
      const read = readYaml(block, {simpleFirst});
      expect(read.rangeOf(['roles'])?.end, 'a block sequence').toMatchObject({line: 3, column: 13});
      expect(read.rangeOf(['risk'])?.end, 'a block mapping, before a comment').toMatchObject({line: 6, column: 15});
      expect(read.rangeOf(['note'])?.end, 'a literal block scalar').toMatchObject({line: 10, column: 8});
    }
    expect(document.rangeOf([])?.end).toMatchObject({line: 9, column: 17});
  });

  it("gives a mapping entry's key range on request", () => {
    expect(document.rangeOf(['roles'], 'key')?.start).toEqual({line: 2, column: 1, offset: 22});
  });

  it('points merged values at where they were written', () => {
    expect(document.rangeOf(['risk', 'mode'])?.start).toEqual({line: 6, column: 9, offset: 71});
  });

  it('falls back to the deepest part of the path that exists', () => {
    expect(document.rangeOf(['roles', 7])).toEqual(document.rangeOf(['roles']));
    expect(document.rangeOf(['missing'])?.start).toEqual({line: 1, column: 1, offset: 0});
  });

  it('maps positions after a re-indented continuation line back to the text as given', () => {
    const flow = readYaml('roles: [a,\nb]\nx: 1\n');
    expect(flow.rangeOf(['roles', 1])?.start).toEqual({line: 2, column: 1, offset: 11});
    expect(flow.rangeOf(['x'])?.start).toEqual({line: 3, column: 4, offset: 17});
    const quoted = readYaml('d: "multi\nline"\ne: [?k]\nf: 1\n');
    expect(quoted.rangeOf(['d'])).toEqual({start: {line: 1, column: 4, offset: 3}, end: {line: 2, column: 6, offset: 15}});
    expect(quoted.rangeOf(['f'])?.start).toEqual({line: 4, column: 4, offset: 27});
  });

  it('counts NEL, LS, PS and a lone CR as line breaks, as PyYAML does', () => {
    const document = readYaml('a: 1\u0085b: 2\u2028c: 3\u2029d: 4\re: 5\r\nf: 6\n');
    expect([...'bcdef'].map((key) => document.rangeOf([key])?.start.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('counts columns in code points', () => {
    expect(readYaml('"😀": x\n').rangeOf(['😀'])?.start).toEqual({line: 1, column: 6, offset: 6});
  });
});

describe('safety', () => {
  it('reads 500 levels of nesting and refuses 501, saying so', () => {
    expect(readYaml(`${'['.repeat(500)}${']'.repeat(500)}`).value).toBeInstanceOf(Array);
    expect(readError(`${'['.repeat(501)}${']'.repeat(501)}`).reason).toBe('the document nests deeper than 500 levels');
    const block = Array.from({length: 501}, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    expect(readError(`${block} 1`).reason).toBe('the document nests deeper than 500 levels');
  });

  it('refuses 10,000 levels of nesting with an error rather than a crash', () => {
    expect(readError('['.repeat(10_000) + ']'.repeat(10_000)).code).toBe('limit');
    const block = Array.from({length: 10_000}, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    expect(readError(`${block} 1`)).toBeInstanceOf(YamlSyntaxError);
  });

  it('reads a flow sequence continued at column 0 on a hundred lines, and refuses thousands', () => {
    const flow = (count: number) => `roles: [\n${Array.from({length: count}, (_, index) => `r${index},`).join('\n')}\nlast]\n`;
    expect(dict(readYaml(flow(100)).value).roles).toHaveLength(101);
    expect(readError(flow(3000)).code).toBe('limit');
  });

  it('reads a policy with thousands of entries', () => {
    const entries = Array.from({length: 5_000}, (_, index) => `  tool_${index}: {name: t${index}, max_calls: ${index + 1}}`);
    const value = dict(readYaml(`tools:\n${entries.join('\n')}\n`).value);
    expect(Object.keys(dict(value.tools))).toHaveLength(5_000);
  });
});

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
