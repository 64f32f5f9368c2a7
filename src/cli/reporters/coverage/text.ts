// The coverage summary printed after the test report: the run's figure, one
// line per policy file (outcomes covered of all, as a percentage), and under
// it each element with an outcome no case reached, at its file:line:column.
import {jsonPointer} from '../../../testing/compare.js';
import {coveragePercent, formatPercent} from '../../../testing/coverage/index.js';
import {shownPath} from '../paths.js';
import {elementTitle, missingOutcomes} from './describe.js';
import type {CoverageReport, CoverageReporter, CoverageReporterOptions, ElementCoverage, FileCoverage} from './types.js';

export const coverageTextReporter: CoverageReporter = (report: CoverageReport, options: CoverageReporterOptions): string => {
  const {totals} = report;
  const files = report.files.length === 1 ? '1 policy file' : `${report.files.length} policy files`;
  const lines = [
    `coverage: ${totals.outcomesCovered}/${totals.outcomes} outcomes (${formatPercent(coveragePercent(totals))}%), ` +
      `${totals.elementsCovered}/${totals.elements} elements fully covered, in ${files}`,
  ];
  const names = report.files.map((file) => shownPath(file.file, options.cwd));
  const width = Math.max(0, ...names.map((name) => name.length));
  report.files.forEach((file, index) => {
    lines.push(`  ${names[index].padEnd(width)}  ${file.totals.outcomesCovered}/${file.totals.outcomes} (${formatPercent(coveragePercent(file.totals))}%)`);
    for (const element of file.elements) {
      const missing = missingOutcomes(element.element.kind, element.element.outcomes, element.hits);
      if (missing !== undefined) lines.push(`    ${elementLocation(element, names[index])}  ${elementTitle(element.element)}${thenNote(file, element)}: ${missing}`);
    }
  });
  return `${lines.join('\n')}\n`;
};

function elementLocation({element}: ElementCoverage, shown: string): string {
  const start = element.range?.start;
  return start ? `${shown}:${start.line}:${start.column}` : shown;
}

/** ` (then of the guard on line 33)` for an element a guard's `then` declares. */
function thenNote(file: FileCoverage, {element}: ElementCoverage): string {
  if (!element.guard) return '';
  const pointer = jsonPointer(element.guard);
  const line = file.elements.find((candidate) => candidate.element.pointer === pointer)?.element.range?.start.line;
  return line === undefined ? '' : ` (then of the guard on line ${line})`;
}
