// `aigc compliance export`: its help and flags (run: src/cli/run-compliance.ts).
import {COMPLIANCE_FORMATS} from '../reporters/compliance/formats.js';
import {defineCommand} from '../start/spec.js';
import {emptyInputHelp, NOW_HELP, reportFlags} from './shared.js';
import {attestFlags, PUBKEY_FLAG} from './tlog-shared.js';

export const COMPLIANCE_EXPORT = defineCommand({
  id: 'compliance:export',
  summary: 'Build a compliance report from JSONL audit trails.',
  description: `Reads audit artifacts (one JSON object per line) from the input files and reports how many passed, failed or were invalid, the compliance rate, failures by gate and a summary per policy, streaming the input. A line that is not JSON, not UTF-8, longer than 64 MiB or not a valid audit artifact (audit schema 1.4) is counted as invalid and skipped.

The json format (default) is byte-identical to the report of the Python reference's \`aigc compliance export\` for the same input. markdown and html are for people; html is one self-contained page with charts.

With --attest --key-file PREFIX.key (a log key from aigc chain keygen) and -o FILE, FILE.intoto.json is written too: an in-toto Statement v1 in a DSSE envelope signed with that Ed25519 key, whose subject is FILE (its name and SHA-256) and whose predicate (https://aigc.dev/attestations/compliance-export/v1, docs/audit-trails.md) lists each input trail with its size, SHA-256 and signed checkpoint (TRAIL.checkpoint, when it has one), the period its artifacts cover, the report date (--now), each input's integrity (as the markdown and html reports show it) and the report's totals. aigc compliance verify-attestation checks it.

The markdown and html reports also show the report date (--now, default now) and each input trail's integrity, checked with the same code as aigc chain verify (one more read of each trail): whether its chain verified (indexes, links, checksums, and with --key-env every HMAC signature) and whether its signed checkpoint (--checkpoint, one per input in order, or TRAIL.checkpoint beside it) verified with a --pubkey key, naming that key. A trail read from stdin cannot be read again: its chain is shown as not checked. A trail whose integrity fails is still reported; the exit status is unchanged. The json format never carries these: it stays the reference's bytes.

The trails are the FILE arguments and the --input values, alike ("-" for stdin). source_file in the report is the inputs as given (several joined by ", ").

${emptyInputHelp('audit artifacts', 'the report of 0 artifacts is written and the exit status is 0, as the reference does')}

With --from-parquet, source_file is the trails the dataset was exported from.

--from-parquet DIR reads a dataset made by aigc export parquet instead of the trails, with the SQL shipped in sql/compliance/ run by embedded DuckDB (the optional dependency @duckdb/node-api); the same SQL runs unchanged in Trino, Spark SQL and Athena over a table named aigc_artifacts.

Exit status: 0 report written, 1 every line was invalid (nothing written), 2 usage error, 3 an input cannot be read, the report or attestation cannot be written, the key file is bad or the --lineage bound is passed.`,
  examples: [
    {description: 'Report on one audit trail', command: '<%= config.bin %> <%= command.id %> audit.jsonl'},
    {description: 'Several trails and a glob, with lineage, to a file', command: '<%= config.bin %> <%= command.id %> -i audit-2026-01.jsonl "archive/*.jsonl" --lineage -o report.json'},
    {description: 'An attested export, checked later with aigc compliance verify-attestation', command: '<%= config.bin %> <%= command.id %> -i audit.jsonl -o report.json --attest --key-file audit.key'},
    {description: 'A self-contained HTML page for reviewers', command: '<%= config.bin %> <%= command.id %> -i audit.jsonl -f html -o compliance.html'},
    {description: 'The same report from a Parquet dataset', command: '<%= config.bin %> <%= command.id %> --from-parquet dataset/ -o report.json'},
    {
      description: 'Read the trail from stdin, markdown for a CI job summary',
      command: 'cat audit.jsonl | <%= config.bin %> <%= command.id %> -i - -f markdown >> "$GITHUB_STEP_SUMMARY"',
    },
  ],
  args: {file: {description: 'JSONL audit trail to read: a file, a glob, or - for stdin; several may be given.'}},
  variadic: true,
  flags: {
    input: {
      type: 'string',
      char: 'i',
      description: 'JSONL audit trail to read, as FILE (repeat the flag or give several values).',
      helpValue: 'FILE',
      multiple: true,
      greedy: true,
    },
    'from-parquet': {
      type: 'string',
      description: 'Instead of --input: the dataset aigc export parquet wrote, reported by the shipped SQL (sql/compliance/) in embedded DuckDB; the json is the same bytes as the report of its trails.',
      helpValue: 'DIR',
    },
    ...reportFlags(COMPLIANCE_FORMATS),
    'include-artifacts': {type: 'boolean', description: 'Include every valid artifact in the report (json; this keeps them all in memory).'},
    ...attestFlags('the export and its inputs'),
    checkpoint: {
      type: 'string',
      multiple: true,
      description:
        "The signed checkpoint of each input trail, one per input in the inputs' order (default: TRAIL.checkpoint beside each input, when there is one); shown verified or not in the markdown and html reports, and attested with --attest.",
      helpValue: 'CP',
    },
    pubkey: {...PUBKEY_FLAG, required: false, description: "The log's verifier key the checkpoints are verified with (PREFIX.pub from aigc chain keygen); repeatable. Without it a checkpoint is shown as not verified."},
    'key-env': {
      type: 'string',
      description: "The HMAC key the trails' artifacts are signed with, in this environment variable: the markdown and html reports (and --attest) say whether every signature verified.",
      helpValue: 'VAR',
    },
    now: {type: 'string', description: `The report date, shown by the markdown and html reports and attested by --attest (default: now): ${NOW_HELP}.`, helpValue: 'EPOCH'},
    lineage: {type: 'boolean', description: 'Add lineage analysis: roots, leaves, orphans and cycles of the derivation graph (of up to 1,000,000 distinct artifacts, about 1.5 GiB at most; more is refused with exit 3).'},
  },
});
