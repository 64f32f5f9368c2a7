// The JSON coverage report: a document of schemas/coverage-report.schema.json
// with each element's identity (file and pointer), position and hits.
import {Ajv} from 'ajv';
import {describe, expect, it} from 'vitest';
import {readShippedSchemaText} from '../../../../src/schemas.js';
import {fixtureRunner} from './fixture.js';

const runFixture = fixtureRunner();

const validate = new Ajv({strict: true, strictRequired: false, allErrors: true}).compile(JSON.parse(readShippedSchemaText('coverage-report')));

describe('JSON coverage report', () => {
  it('is a valid coverage-report document', async () => {
    const run = await runFixture({'coverage-output': 'coverage.json', threshold: '40'});
    const document = JSON.parse(run.output!);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('gives the totals, the threshold verdict and every element with its outcomes, line and column', async () => {
    const run = await runFixture({'coverage-format': 'json', 'coverage-output': 'coverage.json', threshold: '62.5'});
    const document = JSON.parse(run.output!);
    expect(document.formatVersion).toBe(1);
    expect(document.summary).toEqual({files: 1, elements: {total: 5, covered: 2}, outcomes: {total: 8, covered: 4}, percent: 50});
    expect(document.threshold).toEqual({percent: 62.5, met: false, shortfall: 12.5});
    const [file] = document.files;
    expect(file.file).toBe('p.yaml');
    expect(file.elements.map((element: {pointer: string}) => element.pointer)).toEqual([
      '/roles/0',
      '/roles/1',
      '/pre_conditions/required/ticket',
      '/tools/allowed_tools/0',
      '/output_schema',
    ]);
    expect(file.elements[1]).toEqual({
      kind: 'role',
      name: 'supervisor',
      pointer: '/roles/1',
      line: 2,
      column: 16,
      endLine: 2,
      endColumn: 26,
      covered: false,
      outcomes: [{outcome: 'allowed', hits: 0}],
    });
    expect(file.elements[2].outcomes).toEqual([
      {outcome: 'satisfied', hits: 1},
      {outcome: 'violated', hits: 1},
    ]);
  });

  it('leaves the threshold out when none was given', async () => {
    const run = await runFixture({'coverage-output': 'coverage.json'});
    expect(JSON.parse(run.output!)).not.toHaveProperty('threshold');
  });
});
