import {describe, expect, it} from 'vitest';
import type {VerifyReport} from '../../../src/audit/verify/index.js';
import {VERIFY_REPORTERS} from '../../../src/cli/reporters/verify/index.js';

const chain = {chainId: 'c1', firstLine: 1, lastLine: 41, artifacts: 40, intact: 39, signaturesChecked: 40, signaturesValid: 40, unsignedAllowed: 0, lastIndex: 39, lastChecksum: 'ab'};
const report: VerifyReport = {
  files: [{file: 'audit.jsonl', lines: 41, artifacts: 40, unreadableLines: 0, chains: [chain], chainStarts: [{chainId: 'c1', firstIndex: 0, firstPrevious: null}], problemCount: 2}],
  problems: [
    {code: 'chain-index', message: '1 artifact is missing before this one', file: 'audit.jsonl', line: 12, chainId: 'c1', index: 12, expected: 11, found: 12},
    {code: 'broken-link', message: 'previous_audit_checksum is not …', file: 'audit.jsonl', line: 12, chainId: 'c1', index: 12, expected: 'aa', previousLine: 11},
  ],
  problemCount: 3,
  signaturesChecked: true,
  allowUnsigned: false,
  valid: false,
};

describe('chain verify reporters', () => {
  it('text: one line per problem, the chain summary line, the closing statements', async () => {
    expect((await VERIFY_REPORTERS.text())(report, {color: false})).toBe(
      [
        'audit.jsonl:12: chain-index: 1 artifact is missing before this one [chain c1 #12] (expected 11, found 12)',
        'audit.jsonl:12: broken-link: previous_audit_checksum is not … [chain c1 #12] (expected "aa", found (missing))',
        'audit.jsonl: 40 artifacts in 1 chain',
        'chain c1: 39/40 artifacts intact, 40/40 signatures valid',
        '1 more problem not shown (raise --max-errors to see them)',
        'FAILED: 3 problems in 1 file',
        '',
      ].join('\n'),
    );
  });

  it('says signatures were not checked, per chain and at the end, when no key was given', async () => {
    const unchecked = {...report, signaturesChecked: false, problems: [], problemCount: 0, valid: true};
    const text = (await VERIFY_REPORTERS.text())(unchecked, {color: false});
    expect(text).toContain('chain c1: 39/40 artifacts intact, signatures not checked\n');
    expect(text).toContain('signatures were not checked: no key given (use --key-env or --key-file)\n');
    expect((await VERIFY_REPORTERS.pretty())(unchecked, {color: false})).toContain('signatures were not checked');
  });

  it('pretty: problems under their file, marks, no escape codes without colour', async () => {
    const text = (await VERIFY_REPORTERS.pretty())(report, {color: false});
    expect(text).toContain('  ✖ line 12 chain-index [chain c1 #12]\n      1 artifact is missing before this one (expected 11, found 12)');
    expect(text).toContain('  ✖ chain c1: 39/40 artifacts intact, 40/40 signatures valid');
    expect(text).not.toContain('\u001b[');
  });

  it('json: a versioned document with every problem field', async () => {
    const document = JSON.parse((await VERIFY_REPORTERS.json())(report, {color: true}));
    expect(document).toMatchObject({formatVersion: 1, valid: false, problemCount: 3, problemsShown: 2, files: [{file: 'audit.jsonl', chains: [chain]}]});
    expect(document.problems[1]).toEqual({...report.problems[1]});
  });
});
