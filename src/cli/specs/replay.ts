// `aigc replay`: its help, arguments and flags (run: src/cli/run-replay.ts).
import {REPLAY_FORMATS} from '../reporters/replay/formats.js';
import {defineCommand} from '../start/spec.js';
import {NOW_HELP, reportFlags} from './shared.js';
import {WALK_HELP} from '../../files/walk-help.js';

export const REPLAY = defineCommand({
  id: 'replay',
  summary: 'Replay golden fixtures and compare the artifacts with the recorded ones.',
  description: `Enforces each recorded invocation again and compares the artifact with the expected one: every expected key must equal the actual value, objects compared recursively as subsets; timestamps are ignored unless --strict (replay neither signs nor chains, so signatures and chain fields are not compared). A mismatch prints a field-level diff by JSON pointer.

PATH is a fixture file, a folder of them (*.json, *.jsonl), or a JSONL file of records written by \`aigc enforce --record\`. Accepted shapes: ours {"name", "invocation", "expected", "now"?, "mode"?, "output"?}; the Python reference's wrapped form {"invocation", "expected_exception", "expected_exception_code", "expected_audit_artifact_stable_fields"}; and a bare invocation compared with --expected FILE. Policy paths in fixtures resolve against the working folder, like the reference, or against --root. ${WALK_HELP}

Without --update, expectations missing from fixtures are written (\`new\`) — except when CI is set, where a missing expectation fails. -u/--update (alone) rewrites every mismatching expectation.

Exit status: 0 every fixture matched, 1 a mismatch or a missing expectation (or a verdict changed under --policy), 2 usage error, 3 I/O error.`,
  examples: [
    {description: 'Replay our golden fixtures', command: '<%= config.bin %> <%= command.id %> fixtures/golden'},
    {
      description: 'A reference fixture with its expected-audit template',
      command: '<%= config.bin %> <%= command.id %> tests/golden_replays/golden_invocation_success.json --expected tests/golden_replays/golden_expected_audit.json',
    },
    {
      description: 'A split-mode reference fixture',
      command:
        '<%= config.bin %> <%= command.id %> tests/golden_replays/golden_invocation_split_pass.json --mode split --call-output output.json --expected tests/golden_replays/golden_expected_split_pass_audit.json',
    },
    {description: 'Which verdicts would a policy change flip?', command: '<%= config.bin %> <%= command.id %> recorded.jsonl --policy policies/support-assistant.yaml'},
    {description: 'Rewrite the expectations that no longer match', command: '<%= config.bin %> <%= command.id %> fixtures/golden -u'},
    {description: 'Compare only, writing nothing even outside CI (the value of --update follows an =)', command: '<%= config.bin %> <%= command.id %> fixtures/golden --update=none'},
  ],
  // Help would show "-u new|all|none", which reads the value as the next word; it follows an "=" or is left out.
  usage:
    '<%= command.id %> PATH... [-f text|json] [--json] [-o FILE] [--color] [--expected FILE] [--mode MODE] [--call-output FILE] [-u[=new|all|none]] [--strict] [--policy FILE] [--now EPOCH] [--root DIR] [--policy-root DIR]',
  args: {path: {description: 'Fixture file, folder or JSONL record file (several may be given).', required: true}},
  variadic: true,
  flags: {
    ...reportFlags(REPLAY_FORMATS),
    expected: {type: 'string', description: 'Expected artifact (full or partial) for bare invocation fixtures; written by --update when missing.', helpValue: 'FILE'},
    mode: {
      type: 'string',
      description: 'Enforcement for fixtures that do not say: unified (default) or split (pre-call, then post-call).',
      options: ['unified', 'split'],
      helpValue: 'MODE',
    },
    'call-output': {
      type: 'string',
      description: 'Model output (JSON) for the post-call phase of split fixtures that carry none; needed only when the pre-call phase passes.',
      helpValue: 'FILE',
    },
    update: {
      type: 'string',
      char: 'u',
      description:
        'Write actual artifacts back into fixtures: new (only missing expectations; the default, but none when CI is set), all (also every mismatch), none. The value follows an = sign (--update=none, -u=new); -u or --update alone means all.',
      optionalValue: {whenAlone: 'all', values: ['new', 'all', 'none']},
    },
    strict: {type: 'boolean', description: 'Compare timestamps too.'},
    policy: {type: 'string', description: 'Run every fixture against this policy instead, and summarise the verdicts and gates that change.', helpValue: 'FILE'},
    now: {type: 'string', description: `Clock for fixtures that record none: ${NOW_HELP}.`, helpValue: 'EPOCH'},
    root: {type: 'string', description: 'Resolve the policy paths in fixtures against DIR instead of the working folder.', helpValue: 'DIR'},
    'policy-root': {type: 'string', description: 'Confine policy paths to DIR.', helpValue: 'DIR'},
  },
});
