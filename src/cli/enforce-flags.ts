// The flags of `aigc enforce`, as plain data: the oclif command builds its
// flags from them, and the fast start-up path parses argv with them, so the
// two can never disagree.
import {DURABILITY_HELP} from './chain-writes.js';
import {NOW_HELP} from './clock.js';

import type {FlagSpec} from './flag-specs.js';

export type {FlagSpec} from './flag-specs.js';

export const ENFORCE_FLAGS = {
  input: {type: 'string', char: 'i', description: 'Read invocations from FILE instead of stdin.', helpValue: 'FILE'},
  now: {
    type: 'string',
    description: `Fix the clock for timestamps and policy date checks: ${NOW_HELP}.`,
    helpValue: 'EPOCH',
  },
  'key-env': {
    type: 'string',
    description: 'Sign every artifact with HMAC-SHA256, the key being the value of environment variable VAR.',
    helpValue: 'VAR',
  },
  'key-file': {
    type: 'string',
    description: 'Sign every artifact with HMAC-SHA256, the key being the bytes of FILE (one trailing newline removed).',
    helpValue: 'FILE',
  },
  chain: {
    type: 'string',
    description:
      'Append every artifact to FILE as a hash chain (continues the chain at its end; locked against concurrent writers). With --chain an artifact is printed once its batch is durable in FILE.',
    helpValue: 'FILE',
  },
  'chain-id': {
    type: 'string',
    description: "Chain id for --chain: the chain to continue or start (default: the file's last chain, else a new UUID).",
    helpValue: 'ID',
  },
  durability: {type: 'string', description: `${DURABILITY_HELP} Needs --chain.`, helpValue: 'batch|each|none'},
  record: {type: 'string', description: 'Append {"invocation", "artifact"} records to FILE, for `aigc replay`.', helpValue: 'FILE'},
  'policy-root': {type: 'string', description: 'Refuse policy files (and their bases) outside DIR.', helpValue: 'DIR'},
  pretty: {type: 'boolean', description: 'Indent each artifact (for reading one document, not for pipelines).'},
  strict: {
    type: 'boolean',
    description: 'Strict mode: refuse policies whose preconditions are bare strings rather than typed (FAIL at policy validation).',
  },
  gate: {
    type: 'string',
    multiple: true,
    description:
      'Load custom gates from the ES module FILE (repeatable): its default export, or else its named exports, each a gate ({name, insertionPoint, evaluate}) or an array of gates. A module that fails to load or exports no gate is an error.',
    helpValue: 'FILE',
  },
  redact: {
    type: 'string',
    multiple: true,
    description:
      'Redact matches of REGEX (Python syntax) in failure messages as [REDACTED:NAME] (repeatable). Given at all, these replace the default patterns (api_key, bearer_token, email, ssn) entirely.',
    helpValue: 'NAME=REGEX',
  },
} as const satisfies Record<string, FlagSpec>;

type FlagValue<S extends FlagSpec> = S['type'] extends 'boolean' ? boolean : S extends {multiple: true} ? string[] : string;

export type EnforceFlagValues = {
  [K in keyof typeof ENFORCE_FLAGS]?: FlagValue<(typeof ENFORCE_FLAGS)[K]>;
};
