// A link template, filled in by the chain's thread, gives exactly what linking
// the artifact itself and writing it gives: the checksum, the chain's next
// state, the trail line, the printed line (compact or indented) and the
// --record line. Artifacts of every kind the model holds: integral and tiny
// floats, -0, big integers, non-ASCII and astral text, integer-like and
// `__proto__` keys, stale chain fields, nested chain-field names.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {AuditChain} from '../../src/audit/chain.js';
import {fillTemplate, linkTemplate, type OutputForm} from '../../src/audit/link-template.js';
import {CanonicalJsonError} from '../../src/canonical/canonical.js';
import {compactJson, pyJsonDumps} from '../../src/canonical/dumps.js';
import {recordText} from '../../src/cli/enforce-items.js';
import {deepCopy, PyFloat, type PyDict, type PyValue} from '../../src/python/values.js';

const KEYS = ['a', 'b', 'zeta', 'chain_id', 'chain_index', 'checksum', 'previous_audit_checksum', 'chain_ie', 'ä', '😀', '10', '__proto__', 'enforcement_result', 'Z'];

function dictOf(entries: [string, PyValue][]): PyDict {
  const dict: PyDict = {};
  for (const [key, value] of entries) Object.defineProperty(dict, key, {value, enumerable: true, writable: true, configurable: true});
  return dict;
}

const scalar: fc.Arbitrary<PyValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(2 ** 53 + 2, -0, 1e-7, 0.1, 1e21, 5e-5),
  fc.bigInt({min: -(2n ** 70n), max: 2n ** 70n}),
  fc.integer({min: -1000, max: 1000}).map((value) => new PyFloat(value)),
  fc.double({noNaN: true, noDefaultInfinity: true}),
  fc.string({maxLength: 12, unit: 'grapheme'}),
  fc.constantFrom('\u007f', '\u2028', 'é', '"\\', '\ud800'),
);

const value: fc.Arbitrary<PyValue> = fc.letrec<{value: PyValue}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small'},
    scalar,
    fc.array(tie('value'), {maxLength: 4}),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), {maxLength: 5}).map(dictOf),
  ),
})).value;

const artifact: fc.Arbitrary<PyDict> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), value), {maxLength: 8}), fc.constantFrom('PASS', 'FAIL'))
  .map(([entries, result]) => dictOf([['enforcement_result', result], ...entries]));

const chainState = fc.record({
  id: fc.oneof(fc.uuid(), fc.string({minLength: 1, maxLength: 10, unit: 'grapheme'})),
  length: fc.nat({max: 2 ** 40}),
  last: fc.option(fc.oneof(fc.string({minLength: 64, maxLength: 64, unit: fc.constantFrom(...'0123456789abcdef')}), fc.string({maxLength: 8, unit: 'grapheme'})), {nil: null}),
});

/** What linking the artifact itself gives, or the error it throws. */
function linkedDirectly(subject: PyDict, form: OutputForm, invocation: PyValue | undefined, chain: AuditChain) {
  try {
    const linked = chain.append(subject);
    const trail = pyJsonDumps(linked, {separators: [',', ':']});
    return {
      checksum: linked.checksum,
      trail,
      output: form === 'indented' ? pyJsonDumps(linked, {indent: 2}) : compactJson(linked),
      record: invocation === undefined ? null : recordText(invocation, linked),
    };
  } catch (error) {
    return {error: (error as Error).constructor};
  }
}

function linkedByTemplate(subject: PyDict, form: OutputForm, invocation: PyValue | undefined, chain: AuditChain) {
  try {
    const linked = fillTemplate(chain, linkTemplate(subject, form, invocation));
    return {checksum: chain.lastChecksum, trail: linked.trail, output: linked.output ?? linked.trail, record: linked.record};
  } catch (error) {
    return {error: (error as Error).constructor};
  }
}

describe('link templates', () => {
  it('give the checksum, chain state and lines that linking the artifact gives', () => {
    fc.assert(
      fc.property(artifact, chainState, fc.constantFrom<OutputForm>('compact', 'indented'), fc.option(value, {nil: undefined}), (subject, state, form, invocation) => {
        const direct = new AuditChain(state.id, {length: state.length, lastChecksum: state.last});
        const templated = new AuditChain(state.id, {length: state.length, lastChecksum: state.last});
        const expected = linkedDirectly(deepCopy(subject), form, invocation, direct);
        const actual = linkedByTemplate(deepCopy(subject), form, invocation, templated);
        expect(actual).toEqual(expected);
        expect([templated.length, templated.lastChecksum]).toEqual([direct.length, direct.lastChecksum]);
      }),
      {numRuns: 3000},
    );
  });

  it('refuse an artifact with no canonical bytes as linking it does', () => {
    const subject = dictOf([['enforcement_result', 'PASS'], ['context', '\ud800']]);
    expect(() => linkTemplate(subject, 'compact')).toThrow(CanonicalJsonError);
  });

  it('link a chain of several artifacts as appending them does', () => {
    const direct = new AuditChain('chain');
    const templated = new AuditChain('chain');
    for (let i = 0; i < 5; i++) {
      const subject = dictOf([['enforcement_result', i % 2 ? 'PASS' : 'FAIL'], ['n', i], ['risk', new PyFloat(0)]]);
      const expected = pyJsonDumps(direct.append(deepCopy(subject)), {separators: [',', ':']});
      expect(fillTemplate(templated, linkTemplate(subject, 'compact')).trail).toBe(expected);
    }
    expect(templated.lastChecksum).toBe(direct.lastChecksum);
  });
});
