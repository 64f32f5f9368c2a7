// `aigc policy validate` as the reference prints it: `OK    file` or
// `FAIL  file (stage)` on stdout, and each reason on stderr after the file
// name. With --print, stdout is a YAML stream a YAML reader can take: each
// valid file's effective policy as one document, opened by `--- # file` (the
// file named in a YAML comment); the OK and FAIL lines go to stderr with the
// reasons.
import {stringify} from 'yaml';
import {isoDate} from '../../../python/repr.js';
import {isDict, PyDate, PyDateTime, PyFloat, type PyValue} from '../../../python/values.js';
import type {ValidateReporter} from './types.js';

export const textReporter: ValidateReporter = (report) => {
  const lines: string[] = [];
  const reasons: string[] = [];
  const documents: string[] = [];
  for (const verdict of report.files) {
    if (verdict.ok) {
      lines.push(`OK    ${verdict.file}`);
      if (report.print && verdict.policy) documents.push(`--- # ${verdict.file.replace(/[\r\n\u2028\u2029\x85]/g, ' ')}\n${stringify(toYamlValue(verdict.policy))}`);
      continue;
    }
    lines.push(`FAIL  ${verdict.file}${verdict.stage ? ` (${verdict.stage})` : ''}`);
    for (const {message, at} of verdict.errors) reasons.push(`  ${verdict.file}${at ? `:${at.line}:${at.column}` : ''}: ${message}\n`);
  }
  if (report.print) return {stdout: documents.join(''), stderr: lines.map((line) => `${line}\n`).join('') + reasons.join('')};
  return {stdout: `${lines.join('\n')}\n`, stderr: reasons.join('')};
};

/** The effective policy as plain YAML data (dates as ISO strings). */
function toYamlValue(value: PyValue): unknown {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'bigint') return value;
  if (value instanceof PyDate) return isoDate(value);
  if (value instanceof PyDateTime) return isoDate(value);
  if (Array.isArray(value)) return value.map(toYamlValue);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toYamlValue(item)]));
  return value;
}
