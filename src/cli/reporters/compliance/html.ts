// The HTML format: one self-contained page for auditors and reviewers. Inline
// CSS and inline SVG only; a Content-Security-Policy forbids any fetch, so
// the page renders the same offline, attached to a ticket or archived.
import type {ComplianceReport, LineageSummary} from '../../../report/compliance.js';
import {countOf, countText, gatesByCount, instantText, integrityRows, percentText, periodText, policyRate, versionText} from './figures.js';
import {barChart, donutChart, escapeXml, stackedBar} from './svg-charts.js';
import type {ComplianceReporter} from './types.js';

const PASS_COLOR = 'var(--pass)';
const FAIL_COLOR = 'var(--fail)';
const INVALID_COLOR = 'var(--invalid)';

export const htmlReporter: ComplianceReporter = (report) =>
  [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="generator" content="aigc compliance export">',
    `<title>Compliance report · ${escapeXml(report.sourceFile)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(report),
    '<main>',
    summaryCards(report),
    integritySection(report),
    charts(report),
    policyTable(report),
    gateTable(report),
    report.lineage ? lineageSection(report.lineage) : '',
    '</main>',
    `<footer><p>Compliance report version ${escapeXml(report.version)} · made by <code>aigc compliance export</code>. Rates count schema-valid audit artifacts; invalid lines are listed apart and never counted as PASS or FAIL.</p></footer>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n');

function header(report: ComplianceReport): string {
  const read = report.totalArtifacts + report.invalidArtifacts;
  const period = periodText(report.period);
  return [
    '<header class="masthead">',
    '<div class="wrap">',
    '<p class="eyebrow">AI governance · audit trail</p>',
    '<h1>Compliance report</h1>',
    `<p class="source">Source <code>${escapeXml(report.sourceFile)}</code> · ${countOf(read, 'non-blank line')} read${period === null ? '' : ` · period covered ${escapeXml(period)}`}${report.reportDate === undefined ? '' : ` · report date ${escapeXml(instantText(report.reportDate))}`}</p>`,
    '</div>',
    '</header>',
  ].join('\n');
}

function summaryCards(report: ComplianceReport): string {
  const rateClass = report.totalArtifacts === 0 ? 'neutral' : report.failCount === 0 ? 'good' : report.passCount === 0 ? 'bad' : 'mixed';
  const cards = [
    card('Compliance rate', percentText(report.complianceRate), `PASS among ${countOf(report.totalArtifacts, 'valid artifact')}`, `rate ${rateClass}`),
    card('Valid artifacts', countText(report.totalArtifacts), 'passed the audit artifact schema', ''),
    card('PASS', countText(report.passCount), 'enforcement allowed the invocation', 'pass'),
    card('FAIL', countText(report.failCount), 'enforcement stopped the invocation', 'fail'),
    card('Invalid lines', countText(report.invalidArtifacts), 'not JSON, not UTF-8 or not an artifact', 'invalid'),
  ];
  return ['<section aria-labelledby="summary-heading">', '<h2 id="summary-heading">Summary</h2>', '<dl class="cards">', ...cards, '</dl>', '</section>'].join('\n');
}

/** Each input's chain and checkpoint verdict; absent when the maker checked none. */
function integritySection(report: ComplianceReport): string {
  if (report.integrity === undefined) return '';
  const heading = '<h2 id="integrity-heading">Input integrity</h2>';
  if (report.integrity === null) {
    return `<section aria-labelledby="integrity-heading">${heading}<p class="empty">Not checked: the report was made from a Parquet dataset, not from the trails.</p></section>`;
  }
  const verdict = (kind: string, text: string) => `<td class="verdict ${kind}">${escapeXml(text)}</td>`;
  const rows = integrityRows(report.integrity).map(
    (row) => `<tr><th scope="row"><code>${escapeXml(row.trail)}</code></th>${verdict(row.chain.verdict, row.chain.text)}${verdict(row.checkpoint.verdict, row.checkpoint.text)}</tr>`,
  );
  return [
    '<section aria-labelledby="integrity-heading">',
    heading,
    '<div class="table-wrap">',
    '<table class="integrity">',
    '<caption>Each input trail as <code>aigc chain verify</code> checks it: its chain (indexes, links, checksums, HMAC signatures with a key) and its signed checkpoint (with the log key it was verified with).</caption>',
    '<thead><tr><th scope="col">Trail</th><th scope="col">Chain</th><th scope="col">Checkpoint</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

function card(label: string, value: string, note: string, kind: string): string {
  return `<div class="card ${kind}"><dt>${escapeXml(label)}</dt><dd><span class="value">${escapeXml(value)}</span><span class="note">${escapeXml(note)}</span></dd></div>`;
}

function charts(report: ComplianceReport): string {
  return [
    '<section class="charts" aria-labelledby="charts-heading">',
    '<h2 id="charts-heading">At a glance</h2>',
    '<div class="chart-grid">',
    outcomeFigure(report),
    gateFigure(report),
    '</div>',
    '</section>',
  ].join('\n');
}

function outcomeFigure(report: ComplianceReport): string {
  const read = report.totalArtifacts + report.invalidArtifacts;
  const slices = [
    {label: 'PASS', value: report.passCount, color: PASS_COLOR},
    {label: 'FAIL', value: report.failCount, color: FAIL_COLOR},
    {label: 'Invalid', value: report.invalidArtifacts, color: INVALID_COLOR},
  ];
  const share = (value: number) => (read === 0 ? '0%' : `${((value / read) * 100).toFixed(1)}%`);
  const description = `${countOf(read, 'line')} read: ${slices.map((slice) => `${slice.label} ${countText(slice.value)} (${share(slice.value)})`).join(', ')}.`;
  const legend = slices
    .map((slice) => `<li><span class="swatch" style="background:${slice.color}"></span><span class="legend-label">${slice.label}</span><span class="legend-value">${countText(slice.value)}</span><span class="legend-share">${share(slice.value)}</span></li>`)
    .join('');
  return [
    '<figure class="panel">',
    '<figcaption><h3>Outcomes</h3><p>Every line read, by result</p></figcaption>',
    '<div class="donut-wrap">',
    donutChart({id: 'outcomes', title: 'Outcomes of all lines read', description, slices, centerValue: countText(read), centerLabel: read === 1 ? 'line' : 'lines'}),
    `<ul class="legend" aria-hidden="true">${legend}</ul>`,
    '</div>',
    '</figure>',
  ].join('\n');
}

function gateFigure(report: ComplianceReport): string {
  const gates = gatesByCount(report);
  const body =
    gates.length === 0
      ? '<p class="empty">No FAIL artifacts: no gate stopped an invocation.</p>'
      : barChart({
          id: 'gates',
          title: 'FAIL artifacts by failure gate',
          description: `${countOf(report.failCount, 'FAIL artifact')} by gate: ${gates.map((row) => `${row.gate} ${row.count}`).join(', ')}.`,
          rows: gates.map((row) => ({label: row.gate, value: row.count})),
          color: FAIL_COLOR,
        });
  return ['<figure class="panel wide">', '<figcaption><h3>Failures by gate</h3><p>Where enforcement stopped, most frequent first</p></figcaption>', body, '</figure>'].join('\n');
}

function policyTable(report: ComplianceReport): string {
  if (report.policies.length === 0) {
    return '<section aria-labelledby="policies-heading"><h2 id="policies-heading">Policies</h2><p class="empty">No valid audit artifacts, so no policies to show.</p></section>';
  }
  const rows = report.policies.map((policy) => {
    const gates = policy.failureGates.length === 0 ? '<span class="muted">none</span>' : policy.failureGates.map((gate) => `<span class="tag">${escapeXml(gate)}</span>`).join(' ');
    const bar = stackedBar([
      {label: 'PASS', value: policy.passCount, color: PASS_COLOR},
      {label: 'FAIL', value: policy.failCount, color: FAIL_COLOR},
    ]);
    return [
      '<tr>',
      `<th scope="row"><code>${escapeXml(policy.policyFile)}</code></th>`,
      `<td>${escapeXml(versionText(policy.policyVersion))}</td>`,
      `<td class="num">${countText(policy.passCount)}</td>`,
      `<td class="num">${countText(policy.failCount)}</td>`,
      `<td class="num"><div class="rate-cell"><span>${percentText(policyRate(policy))}</span>${bar}</div></td>`,
      `<td>${gates}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section aria-labelledby="policies-heading">',
    '<h2 id="policies-heading">Policies</h2>',
    '<div class="table-wrap">',
    '<table class="policies">',
    `<caption>Valid audit artifacts per policy file (${countOf(report.policies.length, 'policy file')}, sorted by path). The version is the one recorded by the first artifact of each policy.</caption>`,
    '<thead><tr><th scope="col">Policy file</th><th scope="col">Version</th><th scope="col" class="num">PASS</th><th scope="col" class="num">FAIL</th><th scope="col" class="num">Compliance</th><th scope="col">Failure gates</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

function gateTable(report: ComplianceReport): string {
  const gates = gatesByCount(report);
  if (gates.length === 0) return '';
  const rows = gates.map(({gate, count, share}) => `<tr><th scope="row"><code>${escapeXml(gate)}</code></th><td class="num">${countText(count)}</td><td class="num">${percentText(share)}</td></tr>`);
  return [
    '<section aria-labelledby="gates-heading">',
    '<h2 id="gates-heading">Failures by gate</h2>',
    '<div class="table-wrap narrow">',
    '<table>',
    '<caption>FAIL artifacts by the gate that stopped them. <code>null</code>: the artifact records no gate; <code>unknown</code>: the field is absent.</caption>',
    '<thead><tr><th scope="col">Gate</th><th scope="col" class="num">FAIL artifacts</th><th scope="col" class="num">Share of failures</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

function lineageSection(lineage: LineageSummary): string {
  const facts: Array<[string, string]> = [
    ['Distinct artifacts (nodes)', countText(lineage.totalNodes)],
    ['Duplicate artifacts', countText(lineage.duplicateArtifacts)],
    ['Roots', countText(lineage.roots.length)],
    ['Leaves', countText(lineage.leaves.length)],
    ['Orphans (a parent is missing)', countText(lineage.orphans.length)],
    ['Cycle', lineage.hasCycle ? 'yes' : 'no'],
  ];
  const orphans =
    lineage.orphans.length === 0
      ? ''
      : `<details><summary>${countOf(lineage.orphans.length, 'orphan')}</summary><ul class="keys">${lineage.orphans.map((key) => `<li><code>${escapeXml(key)}</code></li>`).join('')}</ul></details>`;
  return [
    '<section aria-labelledby="lineage-heading">',
    '<h2 id="lineage-heading">Lineage</h2>',
    '<div class="table-wrap narrow">',
    '<table>',
    '<caption>The derivation graph of the valid artifacts (edges from <code>provenance.derived_from_audit_checksums</code>).</caption>',
    `<tbody>${facts.map(([label, value]) => `<tr><th scope="row">${label}</th><td class="num">${value}</td></tr>`).join('')}</tbody>`,
    '</table>',
    '</div>',
    orphans,
    '</section>',
  ].join('\n');
}

const STYLE = `
:root{--bg:#f6f7f9;--panel:#fff;--text:#1f2328;--muted:#59636e;--line:#d8dee4;--track:#eaeef2;--accent:#0b3d91;
--pass:#1a7f37;--fail:#cf222e;--invalid:#9a6700;--mixed:#9a6700;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--bg)}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--panel:#161b22;--text:#e6edf3;--muted:#9198a1;--line:#30363d;--track:#262c36;--accent:#58a6ff;
--pass:#3fb950;--fail:#f85149;--invalid:#d29922;--mixed:#d29922}}
*{box-sizing:border-box}
body{margin:0;line-height:1.5}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:anywhere}
.wrap,main,footer{max-width:1120px;margin:0 auto;padding:0 28px}
.masthead{background:linear-gradient(120deg,#0b3d91,#1f6feb);color:#fff;padding:34px 0 30px}
.masthead h1{margin:2px 0 6px;font-size:2rem;letter-spacing:-.01em}
.masthead code{background:rgba(255,255,255,.16);padding:2px 6px;border-radius:4px}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:.75rem;opacity:.85}
.source{margin:0;opacity:.95}
h2{font-size:1.2rem;margin:34px 0 14px}
h3{font-size:1rem;margin:0}
section{margin-bottom:8px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:14px;margin:0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 18px;border-top:4px solid var(--line)}
.card dt{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.card dd{margin:6px 0 0}
.card .value{display:block;font-size:2rem;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.2}
.card .note{display:block;font-size:.82rem;color:var(--muted);margin-top:2px}
.card.pass{border-top-color:var(--pass)}.card.pass .value{color:var(--pass)}
.card.fail{border-top-color:var(--fail)}.card.fail .value{color:var(--fail)}
.card.invalid{border-top-color:var(--invalid)}
.card.rate{border-top-color:var(--accent)}
.card.rate.good .value{color:var(--pass)}.card.rate.bad .value{color:var(--fail)}.card.rate.mixed .value{color:var(--mixed)}
.chart-grid{display:grid;grid-template-columns:minmax(300px,1fr) minmax(380px,1.7fr);gap:14px}
@media (max-width:860px){.chart-grid{grid-template-columns:1fr}}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;margin:0;padding:18px 20px;min-width:0}
figcaption p{margin:2px 0 12px;color:var(--muted);font-size:.88rem}
.donut-wrap{display:flex;align-items:center;gap:22px;flex-wrap:wrap}
.donut-value{font-size:34px;font-weight:700;fill:var(--text)}
.donut-label{font-size:14px;fill:var(--muted)}
.legend{list-style:none;margin:0;padding:0;display:grid;gap:8px;min-width:170px}
.legend li{display:grid;grid-template-columns:14px 1fr auto auto;gap:8px;align-items:center;font-variant-numeric:tabular-nums}
.swatch{width:14px;height:14px;border-radius:3px;display:inline-block}
.legend-value{font-weight:600;text-align:right}
.legend-share{color:var(--muted);min-width:52px;text-align:right}
.chart.bars{max-width:100%;height:auto}
.bar-label{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:var(--text)}
.bar-value{font-size:13px;font-weight:600;fill:var(--text)}
.axis{stroke:var(--line)}
.table-wrap{background:var(--panel);border:1px solid var(--line);border-radius:10px;overflow-x:auto}
.table-wrap.narrow{max-width:640px}
table{border-collapse:collapse;width:100%;font-size:.93rem}
caption{caption-side:top;text-align:left;padding:12px 16px;color:var(--muted);font-size:.86rem;border-bottom:1px solid var(--line)}
th,td{padding:9px 16px;text-align:left;border-bottom:1px solid var(--line);vertical-align:middle}
tbody tr:last-child>*{border-bottom:0}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);background:var(--bg)}
tbody th{font-weight:500}
.policies tbody th{min-width:20rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.rate-cell{display:flex;align-items:center;justify-content:flex-end;gap:10px}
.rate-cell span{min-width:58px}
tbody tr:hover{background:var(--bg)}
.tag{display:inline-block;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:color-mix(in srgb,var(--fail) 12%,transparent);color:var(--fail);border:1px solid color-mix(in srgb,var(--fail) 35%,transparent);padding:1px 7px;border-radius:999px;margin:2px 2px 2px 0}
.muted,.empty{color:var(--muted)}
.verdict.verified{color:var(--pass)}.verdict.failed{color:var(--fail);font-weight:600}.verdict.none,.verdict.unchecked,.verdict.unchained,.verdict.not-checked{color:var(--muted)}
details{margin-top:10px}
.keys{font-size:.85rem}
footer{color:var(--muted);font-size:.82rem;padding-top:18px;padding-bottom:36px}
@media print{.masthead{background:none;color:var(--text)}.card,.panel,.table-wrap{break-inside:avoid}}
`
  .trim()
  .replace(/\n/g, '');
