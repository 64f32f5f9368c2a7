// The flags of `aigc policy test`, as plain data: the oclif command builds its
// flags from them, and the fast start-up path parses argv with them.
import {NOW_HELP} from './clock.js';
import {ENFORCE_FLAGS} from './enforce-flags.js';
import {type FlagSpec, reportFlagSpecs} from './flag-specs.js';
import {TEST_FORMATS} from './reporters/test/formats.js';

export const POLICY_TEST_FLAGS = {
  ...reportFlagSpecs(TEST_FORMATS),
  run: {type: 'string', description: 'Run only the cases whose name or suite name matches REGEX.', helpValue: 'REGEX'},
  bail: {type: 'boolean', description: 'Stop at the first failing case.'},
  'fail-on-empty': {type: 'boolean', description: 'Fail (exit 1) when no case ran.'},
  now: {
    type: 'string',
    description: `Clock for cases whose suite sets no \`now\` (default: the real clock): ${NOW_HELP}.`,
    helpValue: 'EPOCH',
  },
  'policy-root': {type: 'string', description: 'Confine policy paths to DIR.', helpValue: 'DIR'},
  strict: {type: 'boolean', description: ENFORCE_FLAGS.strict.description},
  gate: {type: 'string', multiple: true, description: ENFORCE_FLAGS.gate.description, helpValue: ENFORCE_FLAGS.gate.helpValue},
  redact: {type: 'string', multiple: true, description: ENFORCE_FLAGS.redact.description, helpValue: ENFORCE_FLAGS.redact.helpValue},
} as const satisfies Record<string, FlagSpec>;
