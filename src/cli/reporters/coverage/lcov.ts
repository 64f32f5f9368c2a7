// The LCOV coverage report (`--coverage-format lcov`), so tools made for
// code coverage (genhtml, Codecov, GitLab) show a policy file the way they
// show a source file: each element is a "function" named after it, at the
// line it is written on; a line's count is the hits of the elements written
// there; the outcomes of an element with several are the branches of its block.
import {shownPath} from '../paths.js';
import {elementTitle} from './describe.js';
import type {CoverageReport, CoverageReporter, CoverageReporterOptions, ElementCoverage, FileCoverage} from './types.js';

export const coverageLcovReporter: CoverageReporter = (report: CoverageReport, options: CoverageReporterOptions): string =>
  report.files.map((file) => fileRecord(file, options.cwd)).join('');

function fileRecord(file: FileCoverage, cwd: string | undefined): string {
  const records = ['TN:', `SF:${oneLine(shownPath(file.file, cwd))}`];
  const elements = file.elements.map((coverage) => ({coverage, line: coverage.element.range?.start.line ?? 1, total: sum(coverage.hits)}));
  for (const {coverage, line} of elements) records.push(`FN:${line},${functionName(coverage)}`);
  for (const {coverage, total} of elements) records.push(`FNDA:${total},${functionName(coverage)}`);
  records.push(`FNF:${elements.length}`, `FNH:${elements.filter(({total}) => total > 0).length}`);

  const byLine = new Map<number, {hits: number; blocks: ElementCoverage[]}>();
  for (const {coverage, line, total} of elements) {
    const entry = byLine.get(line) ?? {hits: 0, blocks: []};
    entry.hits += total;
    entry.blocks.push(coverage);
    byLine.set(line, entry);
  }
  const lines = [...byLine.entries()].sort(([a], [b]) => a - b);
  let branches = 0;
  let branchesHit = 0;
  for (const [line, {blocks}] of lines) {
    // An element with one outcome is its line alone; only several outcomes make branches.
    blocks
      .filter(({hits}) => hits.length > 1)
      .forEach(({hits}, block) => {
        const reached = hits.some((count) => count > 0);
        hits.forEach((count, branch) => {
          records.push(`BRDA:${line},${block},${branch},${reached ? count : '-'}`);
          branches++;
          if (count > 0) branchesHit++;
        });
      });
  }
  records.push(`BRF:${branches}`, `BRH:${branchesHit}`);
  for (const [line, {hits}] of lines) records.push(`DA:${line},${hits}`);
  records.push(`LF:${lines.length}`, `LH:${lines.filter(([, {hits}]) => hits > 0).length}`, 'end_of_record');
  return `${records.join('\n')}\n`;
}

/** `role supervisor (/roles/1)`: unique in its file (the pointer), one field (no comma, no line break). */
function functionName({element}: ElementCoverage): string {
  return oneLine(`${elementTitle(element, false)} (${element.pointer})`).replaceAll(',', ';');
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

function sum(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}
