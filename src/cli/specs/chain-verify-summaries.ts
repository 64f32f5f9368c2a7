// `aigc chain verify-summaries`: its help, arguments and flags (run: src/cli/run-verify-summaries.ts).
import {defineCommand} from '../start/spec.js';
import {attestFlags} from './tlog-shared.js';

export const CHAIN_VERIFY_SUMMARIES = defineCommand({
  id: 'chain:verify-summaries',
  summary: 'Check a fleet of trail files from the summaries chain verify --summary-json wrote for each.',
  description: `Verification is sequential within a file but independent across files: verify each file on its own, anywhere and in parallel (one task per file: GNU parallel, a Kubernetes Job array, Spark mapPartitions), each writing a summary with aigc chain verify FILE --summary-json FILE.summary.json, then merge the summaries here.

Chains that continue across files (daily rotation) are linked head to tail. Reported: a gap (artifacts missing between files, or before the first file of a chain), a fork (two files continuing a chain from the same place, or holding the same indexes), a broken link (a file does not continue the previous one's last checksum: one of them was rewritten), a rewritten file (its checkpoint beside it does not match, or two summaries of it disagree), and files with problems of their own.

Prints the fleet report as JSON (files, artifacts, chains with their files in order, problems) and one line per problem on stderr.

With --attest --key-file PREFIX.key (a log key from aigc chain keygen) and -o FILE, FILE.intoto.json is written too, as aigc compliance export --attest writes it: an in-toto Statement v1 in a DSSE envelope signed with that Ed25519 key, whose subject is FILE (its name and SHA-256) and whose predicate (https://aigc.dev/attestations/fleet-report/v1, docs/audit-trails.md) lists each summary merged with its size and SHA-256, each trail file with its digest, log and checkpoint as its summary says, the fleet's totals and problem count, and whether it is whole. It is written whether or not the fleet is whole. aigc compliance verify-attestation checks it.

Exit status: 0 the fleet is whole, 1 any problem, 2 usage error, 3 a summary cannot be read or is not one, the report or attestation cannot be written, or the key file is bad.`,
  examples: [
    {
      description: 'Verify a month of daily trails on 2 workers, then merge',
      command: 'ls audit-2026-01-*.jsonl | parallel -j2 <%= config.bin %> chain verify {} --summary-json {}.summary.json\n<%= config.bin %> <%= command.id %> audit-2026-01-*.summary.json -o fleet.json',
    },
    {
      description: 'The same merge, attested, checked later with aigc compliance verify-attestation',
      command: '<%= config.bin %> <%= command.id %> audit-2026-01-*.summary.json -o fleet.json --attest --key-file audit.key',
    },
  ],
  args: {summary: {description: 'A summary written by chain verify --summary-json; several may be given.', required: true}},
  variadic: true,
  flags: {
    output: {type: 'string', char: 'o', description: 'Write the fleet report to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
    ...attestFlags('the fleet report, its summaries and trails'),
  },
});
