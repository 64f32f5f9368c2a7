// `aigc policy validate --json`: each file's verdict, stage, errors and their
// locations (and each valid file's effective policy), and whether all passed.
import {pyJsonDumps} from '../../../canonical/dumps.js';
import type {PyDict} from '../../../python/values.js';
import type {ValidateReporter} from './types.js';

export const jsonReporter: ValidateReporter = (report) => {
  const files = report.files.map((verdict) => {
    const entry: PyDict = {
      file: verdict.file,
      ok: verdict.ok,
      stage: verdict.stage,
      errors: verdict.errors.map((error) => error.message),
      locations: verdict.errors.map((error) => (error.at ? {line: error.at.line, column: error.at.column} : null)),
    };
    if (verdict.policy) entry.policy = verdict.policy;
    return entry;
  });
  const skipped = (report.skipped ?? []).map(({file, reason}) => ({file, reason}));
  return {stdout: `${pyJsonDumps({files, ok: report.files.every((verdict) => verdict.ok), skipped}, {indent: 2})}\n`, stderr: ''};
};
