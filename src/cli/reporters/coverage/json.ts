// The JSON coverage report (`--coverage-format json`), a document of
// schemas/coverage-report.schema.json (`aigc schema coverage-report`).
import {coveragePercent, meetsThreshold, roundedPercent, thresholdShortfall} from '../../../testing/coverage/index.js';
import type {CoverageCounts, CoverageElement, CoverageFile, PolicyCoverageReport} from '../../../types/generated/index.js';
import {jsonPointer} from '../../../testing/compare.js';
import type {CoverageTotals} from '../../../testing/coverage/index.js';
import {shownPath} from '../paths.js';
import type {CoverageReport, CoverageReporter, CoverageReporterOptions, ElementCoverage, FileCoverage} from './types.js';

export const COVERAGE_JSON_FORMAT_VERSION = 1;

export const coverageJsonReporter: CoverageReporter = (report: CoverageReport, options: CoverageReporterOptions): string =>
  `${JSON.stringify(coverageJsonReport(report, options), null, 2)}\n`;

export function coverageJsonReport(report: CoverageReport, options: CoverageReporterOptions): PolicyCoverageReport {
  const {threshold} = options;
  return {
    formatVersion: COVERAGE_JSON_FORMAT_VERSION,
    tool: {name: 'aigc', version: options.toolVersion},
    summary: {files: report.files.length, ...counts(report.totals)},
    ...(threshold === undefined
      ? {}
      : {threshold: {percent: threshold, met: meetsThreshold(report.totals, threshold), shortfall: thresholdShortfall(report.totals, threshold)}}),
    files: report.files.map((file) => jsonFile(file, options.cwd)),
  };
}

function counts(totals: CoverageTotals): CoverageCounts {
  return {
    elements: {total: totals.elements, covered: totals.elementsCovered},
    outcomes: {total: totals.outcomes, covered: totals.outcomesCovered},
    percent: roundedPercent(coveragePercent(totals)),
  };
}

function jsonFile(file: FileCoverage, cwd: string | undefined): CoverageFile {
  return {file: shownPath(file.file, cwd), summary: counts(file.totals), elements: file.elements.map(jsonElement)};
}

function jsonElement({element, hits}: ElementCoverage): CoverageElement {
  const range = element.range;
  return {
    kind: element.kind,
    name: element.name,
    pointer: element.pointer,
    line: range?.start.line ?? 1,
    column: range?.start.column ?? 1,
    ...(range ? {endLine: range.end.line, endColumn: range.end.column} : {}),
    ...(element.guard ? {guard: jsonPointer(element.guard)} : {}),
    covered: hits.every((count) => count > 0),
    outcomes: element.outcomes.map((outcome, index) => ({outcome, hits: hits[index]})),
  };
}
