// The human format (default on a terminal): each finding with its location,
// severity, rule and message, then the offending lines with the range underlined,
// and a closing summary line.
import {codeFrameColumns} from '@babel/code-frame';
import {Chalk, type ChalkInstance} from 'chalk';
import {LineIndex} from '../../../policy/yaml/positions.js';
import {displayPath} from '../paths.js';
import {countOf, startOf} from './findings.js';
import type {LintFileResult, LintFinding, LintReport, LintReporter, ReporterOptions} from './types.js';

export const prettyReporter: LintReporter = (report: LintReport, options: ReporterOptions): string => {
  // A fixed level: the colour decision was made by the caller, never by chalk's detection.
  const paint = new Chalk({level: options.color ? 1 : 0});
  const blocks = report.files.flatMap((file) =>
    file.findings.map((finding) => findingBlock(finding, file, paint, options.cwd)),
  );
  return [...blocks, summaryLine(report, paint)].join('\n\n') + '\n';
};

function findingBlock(finding: LintFinding, file: LintFileResult, paint: ChalkInstance, cwd?: string): string {
  const start = startOf(finding);
  const location = paint.bold(`${displayPath(finding.file, cwd)}:${start.line}:${start.column}`);
  const severity = finding.severity === 'error' ? paint.red('error') : paint.yellow('warning');
  const header = `${location} ${severity} ${paint.dim(finding.ruleId)} ${finding.message}`;
  const frame = codeFrame(finding, file.source, paint);
  return frame === '' ? header : `${header}\n${frame}`;
}

/**
 * The lines around the finding with its range underlined, drawn by
 * @babel/code-frame without its own colours (those would highlight YAML as
 * JavaScript and follow the environment rather than our decision); marks are
 * coloured here instead.
 */
function codeFrame(finding: LintFinding, source: string | undefined, paint: ChalkInstance): string {
  if (source === undefined || finding.range === undefined) return '';
  const {start, end} = finding.range;
  // code-frame counts columns in UTF-16 code units, findings in code points.
  const lines = lineIndexOf(source);
  const [startColumn, lastColumn] = [lines.utf16Column(start), lines.utf16Column(end)];
  // code-frame reads a single-line end as exclusive but underlines the last line of
  // a multi-line range through `end.column` inclusive; give it the last character then.
  const endColumn = start.line === end.line ? lastColumn : Math.max(lastColumn - 1, 1);
  const plain = codeFrameColumns(
    source,
    {start: {line: start.line, column: startColumn}, end: {line: end.line, column: endColumn}},
    {highlightCode: false, forceColor: false, linesAbove: 2, linesBelow: 2},
  );
  const mark = finding.severity === 'error' ? paint.red : paint.yellow;
  return plain
    .split('\n')
    .map((line) => colourFrameLine(line, paint, mark))
    .join('\n');
}

/** The line index of the file last framed: a file's findings come one after another. */
let indexed: {source: string; lines: LineIndex} | undefined;

function lineIndexOf(source: string): LineIndex {
  if (indexed?.source !== source) indexed = {source, lines: new LineIndex(source)};
  return indexed.lines;
}

const FRAME_LINE = /^([> ])( *\d* \|)(.*)$/;

function colourFrameLine(line: string, paint: ChalkInstance, mark: ChalkInstance): string {
  const parts = FRAME_LINE.exec(line);
  if (parts === null) return line;
  const [, pointer, gutter, code] = parts;
  const isUnderline = !/\d/.test(gutter) && /^\s*\^+$/.test(code);
  const shownCode = isUnderline ? code.replace(/\^+/, (carets) => mark(carets)) : code;
  return `${pointer === '>' ? mark('>') : ' '}${paint.dim(gutter)}${shownCode}`;
}

function summaryLine(report: LintReport, paint: ChalkInstance): string {
  const checked = report.files.length;
  if (report.errorCount === 0 && report.warningCount === 0) {
    return paint.green(`✔ ${countOf(checked, 'file')} checked, no problems`);
  }
  const withFindings = report.files.filter((file) => file.findings.length > 0).length;
  const text = `${countOf(report.errorCount, 'error')}, ${countOf(report.warningCount, 'warning')} in ${countOf(withFindings, 'file')}`;
  return report.errorCount > 0 ? paint.red.bold(`✖ ${text}`) : paint.yellow.bold(`⚠ ${text}`);
}
