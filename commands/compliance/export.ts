import {Flags} from '@oclif/core';
import {AigcCommand} from '../../src/cli/base-command.js';
import {reportFlags} from '../../src/cli/flags.js';

const FORMATS = ['json', 'markdown', 'html'];

export default class ComplianceExport extends AigcCommand {
  static override summary = 'Build a compliance report from JSONL audit trails.';

  static override description = `Reads audit artifacts (one JSON object per line) from the input files and reports how many passed, failed or were invalid, the compliance rate, failures by gate and a summary per policy, streaming the input. A line that is not JSON, not UTF-8, longer than 64 MiB or not a valid audit artifact (audit schema 1.4) is counted as invalid and skipped.

The json format (default) is byte-identical to the report of the Python reference's \`aigc compliance export\` for the same input. markdown and html are for people; html is one self-contained page with charts.

source_file in the report is the --input value as given ("-" for stdin; several values joined by ", ").

Exit status: 0 report written, 1 every line was invalid (nothing written), 2 usage error, 3 an input cannot be read or the report cannot be written.`;

  static override examples = [
    {description: 'Report on one audit trail', command: '<%= config.bin %> <%= command.id %> -i audit.jsonl'},
    {description: 'Several trails and a glob, with lineage, to a file', command: '<%= config.bin %> <%= command.id %> -i audit-2026-01.jsonl "archive/*.jsonl" --lineage -o report.json'},
    {description: 'A self-contained HTML page for reviewers', command: '<%= config.bin %> <%= command.id %> -i audit.jsonl -f html -o compliance.html'},
    {description: 'Read the trail from stdin, markdown for a CI job summary', command: 'cat audit.jsonl | <%= config.bin %> <%= command.id %> -i - -f markdown >> "$GITHUB_STEP_SUMMARY"'},
  ];

  static override flags = {
    input: Flags.string({
      char: 'i',
      description: 'JSONL audit trail to read: a file, a glob, or - for stdin (repeat the flag or give several values).',
      helpValue: 'FILE',
      multiple: true,
      required: true,
    }),
    ...reportFlags(FORMATS),
    'include-artifacts': Flags.boolean({description: 'Include every valid artifact in the report (json; this keeps them all in memory).'}),
    lineage: Flags.boolean({description: 'Add lineage analysis: roots, leaves, orphans and cycles of the derivation graph.'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(ComplianceExport);
    const {runComplianceExport} = await import('../../src/cli/run-compliance.js');
    this.setExitCode(await runComplianceExport(flags));
  }
}
