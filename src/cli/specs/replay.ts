// `aigc replay`: its help, arguments and flags (run: src/cli/run-replay.ts).
import {REPLAY_FORMATS} from '../reporters/replay/formats.js';
import {defineCommand} from '../start/spec.js';
import {COLOR_FLAGS, NOW_HELP, reportFlags} from './shared.js';
import {WALK_HELP} from '../../files/walk-help.js';

export const REPLAY = defineCommand({
  id: 'replay',
  summary: 'Replay golden fixtures and compare the artifacts with the recorded ones.',
  description: `Enforces each recorded invocation again and compares the artifact with the expected one: every expected key must equal the actual value, objects compared recursively as subsets; timestamps are ignored unless --strict (replay neither signs nor chains, so signatures and chain fields are not compared). A mismatch prints a field-level diff by JSON pointer.

PATH is a fixture file, a folder of them (*.json, *.jsonl), a JSONL file of records written by \`aigc enforce --record\`, or an audit trail (an \`enforce --chain\` file, any JSONL of artifacts). Accepted shapes: ours {"name", "invocation", "expected", "now"?, "mode"?, "output"?}; the Python reference's wrapped form {"invocation", "expected_exception", "expected_exception_code", "expected_audit_artifact_stable_fields"}; and a bare invocation compared with --expected FILE. Policy paths in fixtures resolve against the working folder, like the reference, or against --root. ${WALK_HELP}

Without --update, expectations missing from fixtures are written (\`new\`) — except when CI is set, where a missing expectation fails. -u/--update (alone) rewrites every mismatching expectation.

What-if: --policy OLD=NEW (repeatable) replays the fixtures whose policy_file is OLD against NEW; --policy NEW does so for a policy edited in place. OLD and NEW are paths from the working folder; a fixture's policy_file is resolved as enforcement resolves it (against --root, else the working folder, links followed). Fixtures of every other policy are replayed unchanged, against their own policy, so whatever else changed since recording shows too (a policy that extends an edited one, say). Every fixture is then compared by its decision only (result, failure gate, failure reason), and a summary counts the changes by direction (PASS → FAIL, FAIL → PASS, FAIL at another gate, reason only), by gate, by role and by policy, and says how many records each mapping applied to (none is a warning: the path is probably misspelt).

An audit trail keeps of each invocation its policy_file, model, role and context, but the input and output only as checksums and no tool calls: its decisions are compared where those are not needed (a FAIL at a guard, condition, role or precondition, or a policy with no output_schema and no tools block), and every other artifact is listed as not replayable, with why. A trail of which nothing can be replayed is refused. Records from \`aigc enforce --record\` hold whole invocations: a trail line that a record given too holds is replayed as that record.

Exit status: 0 every fixture matched (when decisions are compared: none flipped; a changed reason alone, and what cannot be replayed, do not count), 1 a mismatch, a missing expectation, a flipped decision (unless --allow-flips) or a trail with nothing replayable, 2 usage error, 3 I/O error.`,
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
    {description: 'Which decisions would an edit of a policy flip?', command: '<%= config.bin %> <%= command.id %> recorded.jsonl --policy policies/support-assistant.yaml'},
    {
      description: 'Replay the records of a policy against the one replacing it, expecting flips (exit 0), in JSON',
      command: '<%= config.bin %> <%= command.id %> recorded.jsonl --policy legacy/support.yaml=policies/support-assistant.yaml --allow-flips -f json',
    },
    {description: 'What an audit trail allows to be replayed of its decisions', command: '<%= config.bin %> <%= command.id %> audit.jsonl --policy policies/support-assistant.yaml'},
    {description: 'Rewrite the expectations that no longer match', command: '<%= config.bin %> <%= command.id %> fixtures/golden -u'},
    {description: 'Compare only, writing nothing even outside CI (the value of --update follows an =)', command: '<%= config.bin %> <%= command.id %> fixtures/golden --update=none'},
  ],
  // Help would show "-u new|all|none", which reads the value as the next word; it follows an "=" or is left out.
  usage:
    '<%= command.id %> PATH... [-f text|json] [--json] [-o FILE] [--color] [--expected FILE] [--mode MODE] [--call-output FILE] [-u[=new|all|none]] [--strict] [--policy NEW|OLD=NEW]... [--allow-flips] [--now EPOCH] [--root DIR] [--policy-root DIR]',
  args: {path: {description: 'Fixture file, folder, JSONL record file or audit trail (several may be given).', required: true}},
  variadic: true,
  flags: {
    ...reportFlags(REPLAY_FORMATS),
    ...COLOR_FLAGS,
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
    policy: {
      type: 'string',
      multiple: true,
      description:
        'What-if: replay the fixtures of policy OLD against NEW (OLD=NEW), or those of NEW as it is now (NEW); others are replayed unchanged; decisions are compared and their changes summarised. Repeatable.',
      helpValue: 'NEW|OLD=NEW',
    },
    'allow-flips': {type: 'boolean', description: 'Flipped decisions are expected: report them, but do not fail (exit 0) for them.'},
    now: {type: 'string', description: `Clock for fixtures that record none: ${NOW_HELP}.`, helpValue: 'EPOCH'},
    root: {type: 'string', description: 'Resolve the policy paths in fixtures against DIR instead of the working folder.', helpValue: 'DIR'},
    'policy-root': {type: 'string', description: 'Confine policy paths to DIR.', helpValue: 'DIR'},
  },
});
