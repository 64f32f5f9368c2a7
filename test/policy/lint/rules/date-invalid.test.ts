// date-invalid: dates that are not calendar days, or a window that ends before it starts.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('date-invalid', 'p.yaml', text);

describe('date-invalid', () => {
  it('reports a window that ends before it starts, at expiration_date', () => {
    expect(findings(`${MINIMAL}effective_date: "2026-07-01"\nexpiration_date: "2026-06-30"\n`)).toEqual([
      '4:18 Policy effective_date is after expiration_date',
    ]);
  });

  it('reports a day that does not exist, at the date that holds it', () => {
    expect(findings(`${MINIMAL}effective_date: "2024-02-30"\n`)).toEqual(["3:17 Invalid date format: '2024-02-30'; expected YYYY-MM-DD"]);
    expect(findings(`${MINIMAL}effective_date: "2024-01-01"\nexpiration_date: "2024-13-01"\n`)).toEqual([
      "4:18 Invalid date format: '2024-13-01'; expected YYYY-MM-DD",
    ]);
    expect(findings(`${MINIMAL}expiration_date: "2024-02-30"\n`)).toEqual(["3:18 Invalid date format: '2024-02-30'; expected YYYY-MM-DD"]);
  });

  it('leaves a policy out of its window to date-inactive, and dates that are not strings to the schema', () => {
    expect(findings(`${MINIMAL}expiration_date: "2020-01-01"\n`)).toEqual([]);
    expect(findings(`${MINIMAL}effective_date: 2020-01-01\n`)).toEqual([]);
  });
});
