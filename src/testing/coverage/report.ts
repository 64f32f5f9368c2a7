// A run's coverage as numbers: per policy file and in all, how many
// elements and outcomes there are and how many a case reached, and the
// percentage a threshold is compared with.

import {compareCodePoints} from '../../python/semantics.js';
import type {CoverageCollector, TrackedFile} from './collector.js';
import type {CoverageReport, CoverageTotals, FileCoverage} from './types.js';

export interface CoverageReportOptions {
  /** Only the files this accepts (by resolved path) are reported. */
  include?: (resolvedPath: string) => boolean;
}

/** The report of what `collector` saw: every file it tracked (that `include` accepts), by path. */
export function coverageReport(collector: CoverageCollector, options: CoverageReportOptions = {}): CoverageReport {
  const files = collector
    .trackedFiles()
    .filter((file) => file.policy !== null && (options.include?.(file.path) ?? true))
    .map(fileCoverage)
    .sort((a, b) => compareCodePoints(a.file, b.file));
  const totals = emptyTotals();
  for (const file of files) addTotals(totals, file.totals);
  return {files, totals};
}

function fileCoverage(file: TrackedFile): FileCoverage {
  const elements = file.elements.map((element, index) => ({element, hits: [...file.hits[index]]}));
  const totals = emptyTotals();
  for (const {hits} of elements) {
    const covered = hits.filter((count) => count > 0).length;
    addTotals(totals, {elements: 1, elementsCovered: covered === hits.length ? 1 : 0, outcomes: hits.length, outcomesCovered: covered});
  }
  return {file: file.path, elements, totals};
}

function emptyTotals(): CoverageTotals {
  return {elements: 0, elementsCovered: 0, outcomes: 0, outcomesCovered: 0};
}

function addTotals(into: CoverageTotals, more: CoverageTotals): void {
  into.elements += more.elements;
  into.elementsCovered += more.elementsCovered;
  into.outcomes += more.outcomes;
  into.outcomesCovered += more.outcomesCovered;
}

/** The share of outcomes covered, in percent; 100 when there is nothing to cover. */
export function coveragePercent(totals: CoverageTotals): number {
  return totals.outcomes === 0 ? 100 : (totals.outcomesCovered * 100) / totals.outcomes;
}

/** Whether the covered share reaches `threshold` percent (compared exactly, not as a rounded figure). */
export function meetsThreshold(totals: CoverageTotals, threshold: number): boolean {
  return totals.outcomes === 0 || totals.outcomesCovered * 100 >= threshold * totals.outcomes;
}

/** A percentage with two decimals, rounded down, so a figure below a threshold never reads as reaching it. */
export function formatPercent(percent: number): string {
  return (Math.floor(percent * 100 + 1e-6) / 100).toFixed(2);
}

/** `formatPercent` as a number (what the JSON report gives). */
export function roundedPercent(percent: number): number {
  return Number(formatPercent(percent));
}

/** How many percentage points `totals` falls short of `threshold`, rounded up to two decimals (0 when it reaches it). */
export function thresholdShortfall(totals: CoverageTotals, threshold: number): number {
  if (meetsThreshold(totals, threshold)) return 0;
  return Math.max(0.01, Math.ceil((threshold - coveragePercent(totals)) * 100 - 1e-6) / 100);
}
