// file-unreadable: the file could not be checked at all.

import type {LintFileResult, LintRuleModule} from '../types.js';
import type {PolicyReadProblem} from '../../read.js';

type UnreadableProblem = Exclude<PolicyReadProblem, {reason: 'yaml-syntax' | 'root-not-mapping'}>;

export const fileUnreadable: LintRuleModule = {
  id: 'file-unreadable',
  severity: 'error',
  checksAnyFile: true,
  description: 'The file cannot be read, is too large, or is not UTF-8.',
  explanation:
    'Nothing in the file was checked: it does not exist, cannot be read (permissions, a folder, a named pipe or device where a file was expected), is larger than 1 MiB, or is not UTF-8. `aigc policy lint` exits 3 when any file is unreadable, whatever the other files gave, so a CI step never passes on a file it could not see.',
  example: '# saved as Latin-1, not UTF-8\npolicy_version: "1.0"\nroles: [agent]\ndescription: café\n',
  check(context, report) {
    if (!context.read.ok && isUnreadable(context.read.problem)) report.atRange(undefined, unreadableMessage(context.read.problem));
  },
};

/** Why a file could not be read, as lint words it. */
export function unreadableMessage(problem: UnreadableProblem): string {
  switch (problem.reason) {
    case 'missing':
      return 'file not found';
    case 'is-directory':
      return 'is a directory, not a policy file';
    case 'not-regular-file':
      return 'is not a regular file';
    case 'permission-denied':
      return 'cannot be read: permission denied';
    case 'too-large':
      return `file is larger than ${problem.limit / (1024 * 1024)} MiB; policies are small documents`;
    case 'not-utf8':
      return `is not valid UTF-8 (first invalid byte at offset ${problem.offset})`;
    case 'io-error':
      return `cannot be read (${problem.code})`;
  }
}

export function isUnreadable(problem: PolicyReadProblem): problem is UnreadableProblem {
  return problem.reason !== 'yaml-syntax' && problem.reason !== 'root-not-mapping';
}

/** The result for a path that names no file: the finding a missing file gets. */
export function missingFileResult(file: string): LintFileResult {
  return {file, checkedBy: [fileUnreadable.id], findings: [{ruleId: fileUnreadable.id, severity: fileUnreadable.severity, message: unreadableMessage({reason: 'missing', code: 'ENOENT'}), file}]};
}

/** A result with a file that could not be checked (lint then exits 3). */
export function hasUnreadableFile(result: LintFileResult): boolean {
  return result.findings.some((finding) => finding.ruleId === fileUnreadable.id);
}
