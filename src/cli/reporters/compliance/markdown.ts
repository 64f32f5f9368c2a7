// The markdown format: a summary, the per-policy table and failures by gate,
// for pull-request comments, wikis and CI job summaries.
import type {ComplianceReport} from '../../../report/compliance.js';
import {countText, gatesByCount, instantText, integrityRows, percentText, periodText, policyRate, versionText} from './figures.js';
import type {ComplianceReporter} from './types.js';

export const markdownReporter: ComplianceReporter = (report) =>
  [header(report), summary(report), integrity(report), policies(report), failures(report), lineage(report)]
    .filter((section) => section !== '')
    .join('\n\n')
    .concat('\n');

function header(report: ComplianceReport): string {
  const date = report.reportDate === undefined ? '' : ` · report date ${instantText(report.reportDate)}`;
  return `# Compliance report\n\nSource: ${code(report.sourceFile)} · report version ${report.version}${date}`;
}

/** Each input's chain and checkpoint verdict; absent when the maker checked none. */
function integrity(report: ComplianceReport): string {
  if (report.integrity === undefined) return '';
  if (report.integrity === null) return '## Input integrity\n\nNot checked: the report was made from a Parquet dataset, not from the trails.';
  const verdict = (text: string, failed: boolean) => (failed ? `**${cell(text)}**` : cell(text));
  const rows = integrityRows(report.integrity).map((row) => [code(row.trail), verdict(row.chain.text, row.chain.verdict === 'failed'), verdict(row.checkpoint.text, row.checkpoint.verdict === 'failed')]);
  return ['## Input integrity', '', table(['Trail', 'Chain', 'Checkpoint'], ['---', '---', '---'], rows)].join('\n');
}

function summary(report: ComplianceReport): string {
  return [
    '## Summary',
    '',
    table(
      ['Measure', 'Value'],
      ['---', '---:'],
      [
        ['Audit artifacts (schema-valid)', countText(report.totalArtifacts)],
        ['PASS', countText(report.passCount)],
        ['FAIL', countText(report.failCount)],
        ['Invalid lines (skipped)', countText(report.invalidArtifacts)],
        ['Compliance rate', `**${percentText(report.complianceRate)}**`],
        ['Period covered (artifact timestamps, UTC)', periodText(report.period) ?? '–'],
      ],
    ),
  ].join('\n');
}

function policies(report: ComplianceReport): string {
  if (report.policies.length === 0) return '## Policies\n\nNo valid audit artifacts.';
  const rows = report.policies.map((policy) => [
    code(policy.policyFile),
    cell(versionText(policy.policyVersion)),
    countText(policy.passCount),
    countText(policy.failCount),
    percentText(policyRate(policy)),
    policy.failureGates.length === 0 ? '—' : policy.failureGates.map(code).join(', '),
  ]);
  return ['## Policies', '', table(['Policy file', 'Version', 'PASS', 'FAIL', 'Compliance', 'Failure gates'], ['---', '---', '---:', '---:', '---:', '---'], rows)].join('\n');
}

function failures(report: ComplianceReport): string {
  const gates = gatesByCount(report);
  if (gates.length === 0) return '## Failures by gate\n\nNo FAIL artifacts.';
  const rows = gates.map(({gate, count, share}) => [code(gate), countText(count), percentText(share)]);
  return ['## Failures by gate', '', table(['Gate', 'FAIL artifacts', 'Share of failures'], ['---', '---:', '---:'], rows)].join('\n');
}

function lineage(report: ComplianceReport): string {
  const graph = report.lineage;
  if (!graph) return '';
  const rows = [
    ['Distinct artifacts (nodes)', countText(graph.totalNodes)],
    ['Duplicate artifacts', countText(graph.duplicateArtifacts)],
    ['Roots', countText(graph.roots.length)],
    ['Leaves', countText(graph.leaves.length)],
    ['Orphans (a parent is missing)', countText(graph.orphans.length)],
    ['Cycle', graph.hasCycle ? 'yes' : 'no'],
  ];
  const orphanList = graph.orphans.length === 0 ? '' : `\n\nOrphans:\n\n${graph.orphans.map((key) => `- ${code(key)}`).join('\n')}`;
  return `## Lineage\n\n${table(['Measure', 'Value'], ['---', '---:'], rows)}${orphanList}`;
}

function table(headings: string[], alignment: string[], rows: string[][]): string {
  return [headings, alignment, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/**
 * Text from the trail, shown as text inside a table cell: HTML is written as
 * entities and markdown punctuation is escaped (a policy version cannot become
 * an image, a link or emphasis in a job summary), line breaks are flattened.
 */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()!|~]/g, '\\$&')
    .replace(/[\r\n]+/g, ' ');
}

/** Inline code that survives backticks in the text and sits safely in a table cell. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}
