// The oclif command classes are built from the command specs: help, the
// manifest and the README show exactly the flags the parser reads.
import {describe, expect, it} from 'vitest';
import {oclifCommand} from '../../src/cli/oclif-command.js';
import {COMPLIANCE_EXPORT} from '../../src/cli/specs/compliance-export.js';
import {EXPORT_PARQUET} from '../../src/cli/specs/export-parquet.js';
import {ENFORCE} from '../../src/cli/specs/enforce.js';
import {POLICY_LINT} from '../../src/cli/specs/policy-lint.js';
import {REPLAY} from '../../src/cli/specs/replay.js';

describe('report flags', () => {
  const flags = oclifCommand(POLICY_LINT).flags;

  it('offers -f/--format listing the formats, --json, -o/--output and --color/--no-color', () => {
    expect(flags.format.char).toBe('f');
    expect(flags.format.description).toBe('Output format: pretty, text, json, sarif, github, junit.');
    expect(flags.json.type).toBe('boolean');
    expect(flags.output.char).toBe('o');
    expect((flags.color as {allowNo?: boolean}).allowNo).toBe(true);
  });

  it('leaves format validation to selectFormat, so a bad value is our usage error', () => {
    expect((flags.format as {options?: unknown}).options).toBeUndefined();
  });
});

describe('the oclif command of a spec', () => {
  it('takes any number of arguments exactly when the spec says its last one repeats', () => {
    expect(oclifCommand(POLICY_LINT).strict).toBe(false);
    expect(oclifCommand(ENFORCE).strict).toBe(true);
  });

  it('shows repeatable flags as taking one value each, and a greedy one as taking several', () => {
    const gate = oclifCommand(ENFORCE).flags.gate as {multiple?: boolean; multipleNonGreedy?: boolean};
    expect([gate.multiple, gate.multipleNonGreedy]).toEqual([true, true]);
    const input = oclifCommand(COMPLIANCE_EXPORT).flags.input as {multiple?: boolean; multipleNonGreedy?: boolean};
    expect([input.multiple, input.multipleNonGreedy]).toEqual([true, undefined]);
  });

  it('shows a required flag as required', () => {
    expect((oclifCommand(EXPORT_PARQUET).flags.output as {required?: boolean}).required).toBe(true);
  });

  it('shows a value that may be left out after its = sign, in brackets', () => {
    const update = oclifCommand(REPLAY).flags.update as {helpLabel?: string; helpValue?: string};
    expect(`${update.helpLabel}=${update.helpValue}`).toBe('-u, --update[=new|all|none]');
  });
});
