// `aigc chain verify-summaries`: its help, arguments and flags (run: src/cli/run-verify-summaries.ts).
import {defineCommand} from '../start/spec.js';

export const CHAIN_VERIFY_SUMMARIES = defineCommand({
  id: 'chain:verify-summaries',
  summary: 'Check a fleet of trail files from the summaries chain verify --summary-json wrote for each.',
  description: `Verification is sequential within a file but independent across files: verify each file on its own, anywhere and in parallel (one task per file: GNU parallel, a Kubernetes Job array, Spark mapPartitions), each writing a summary with aigc chain verify FILE --summary-json FILE.summary.json, then merge the summaries here.

Chains that continue across files (daily rotation) are linked head to tail. Reported: a gap (artifacts missing between files, or before the first file of a chain), a fork (two files continuing a chain from the same place, or holding the same indexes), a broken link (a file does not continue the previous one's last checksum: one of them was rewritten), a rewritten file (its checkpoint beside it does not match, or two summaries of it disagree), and files with problems of their own.

Prints the fleet report as JSON (files, artifacts, chains with their files in order, problems) and one line per problem on stderr.

Exit status: 0 the fleet is whole, 1 any problem, 2 usage error, 3 a summary cannot be read or is not one.`,
  examples: [
    {
      description: 'Verify a month of daily trails on 2 workers, then merge',
      command: 'ls audit-2026-01-*.jsonl | parallel -j2 <%= config.bin %> chain verify {} --summary-json {}.summary.json\n<%= config.bin %> <%= command.id %> audit-2026-01-*.summary.json -o fleet.json',
    },
  ],
  args: {summary: {description: 'A summary written by chain verify --summary-json; several may be given.', required: true}},
  variadic: true,
  flags: {
    output: {type: 'string', char: 'o', description: 'Write the fleet report to FILE (replaced atomically) instead of stdout.', helpValue: 'FILE'},
  },
});
