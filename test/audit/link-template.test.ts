// A link template, written as bytes and filled in by the chain's thread, gives
// exactly what linking the artifact itself and writing it gives: the
// checksum, the chain's next state, the trail line, the printed line (compact
// or indented) and the --record line, for each template of a batch. Artifacts of every kind the model holds: integral and tiny
// floats, -0, big integers, non-ASCII and astral text, integer-like and
// `__proto__` keys, stale chain fields, nested chain-field names.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {AuditChain} from '../../src/audit/chain.js';
import {
  fillTemplate,
  hasOwnOutput,
  type LinkTemplates,
  LinkTemplateWriter,
  linkedPass,
  type OutputForm,
  writePrintedLine,
  writeRecordLine,
  writeTrailLine,
} from '../../src/audit/link-template.js';
import {CanonicalJsonError} from '../../src/canonical/canonical.js';
import {compactJson, pyJsonDumps} from '../../src/canonical/dumps.js';
import {recordText} from '../../src/cli/enforce-items.js';
import {LineBytes} from '../../src/io/line-bytes.js';
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

/** What one writer call makes into text (without the newline it ends with), or null for nothing. */
function written(write: (lines: LineBytes) => void): string | null {
  const lines = new LineBytes();
  write(lines);
  if (lines.length === 0) return null;
  const text = lines.take().toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1);
}

/** The template of index `index` in `templates`, filled and written; pass and whether it prints a line of its own too. */
function filled(templates: LinkTemplates, index: number, chain: AuditChain) {
  const linked = fillTemplate(chain, {templates, index});
  const record = written((lines) => writeRecordLine(lines, linked));
  return {
    checksum: chain.lastChecksum,
    trail: written((lines) => writeTrailLine(lines, linked)),
    output: written((lines) => writePrintedLine(lines, linked)),
    record: record === null ? null : `${record}\n`,
    pass: linkedPass(linked),
    own: hasOwnOutput(linked),
  };
}

function linkedByTemplate(subject: PyDict, form: OutputForm, invocation: PyValue | undefined, chain: AuditChain) {
  const writer = new LinkTemplateWriter(form, 16);
  try {
    writer.add(subject, invocation);
  } catch (error) {
    return {error: (error as Error).constructor};
  }
  const {pass, own, ...linked} = filled(writer.take(), 0, chain);
  expect(pass).toBe(subject.enforcement_result === 'PASS');
  expect(own).toBe(linked.output !== linked.trail);
  return linked;
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

  it.each<OutputForm>(['compact', 'indented'])('link an empty artifact as appending it does (%s)', (form) => {
    const direct = new AuditChain('chain');
    const templated = new AuditChain('chain');
    expect(linkedByTemplate({}, form, {}, templated)).toEqual(linkedDirectly({}, form, {}, direct));
    expect(templated.lastChecksum).toBe(direct.lastChecksum);
  });

  it('refuse an artifact with no canonical bytes as linking it does, adding nothing to the batch', () => {
    const writer = new LinkTemplateWriter('compact');
    writer.add(dictOf([['enforcement_result', 'PASS']]));
    expect(() => writer.add(dictOf([['enforcement_result', 'PASS'], ['context', '\ud800']]))).toThrow(CanonicalJsonError);
    const templates = writer.take();
    expect(templates.count).toBe(1);
    expect(templates.bounds.length).toBe(8);
    expect(templates.bounds[7]).toBe(templates.bytes.length);
  });

  it('link the batches of a chain as appending their artifacts does, whatever their size', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(artifact, fc.option(value, {nil: undefined})), {maxLength: 6}), {maxLength: 4}), fc.constantFrom<OutputForm>('compact', 'indented'), (batches, form) => {
        const direct = new AuditChain('chain');
        const templated = new AuditChain('chain');
        // A tiny first buffer: templates grow it, and each batch starts in a buffer of its own.
        const writer = new LinkTemplateWriter(form, 8);
        const taken: LinkTemplates[] = [];
        for (const batch of batches) {
          const expected = [];
          for (const [subject, invocation] of batch) {
            const direct_ = linkedDirectly(deepCopy(subject), form, invocation, direct);
            if ('error' in direct_) continue;
            writer.add(deepCopy(subject), invocation);
            expected.push({...direct_, pass: subject.enforcement_result === 'PASS'});
          }
          const templates = writer.take();
          taken.push(templates);
          expect(templates.count).toBe(expected.length);
          expected.forEach((one, index) => {
            const {own, ...linked} = filled(templates, index, templated);
            expect(linked).toEqual(one);
            expect(own).toBe(one.output !== one.trail);
          });
          expect(templated.lastChecksum).toBe(direct.lastChecksum);
        }
        // No batch shares its bytes with another (each moves to the chain's thread on its own).
        expect(new Set(taken.map((templates) => templates.bytes.buffer)).size).toBe(taken.length);
      }),
      {numRuns: 300},
    );
  });
});
