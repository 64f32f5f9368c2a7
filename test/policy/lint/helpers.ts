// Linting policies written at test time: a temporary folder per test file,
// the policy (and any base it extends) written into it, findings of one rule
// shown as `line:column message` so a test reads as what a user sees.

import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import type {CalendarDay} from '../../../src/policy/dates.js';
import {lintPolicyFile} from '../../../src/policy/lint/lint.js';
import type {LintFileResult, LintFinding} from '../../../src/policy/lint/types.js';
import {temporaryFolder} from '../../testing/helpers.js';

/** The day lint runs on in these tests. */
export const TODAY: CalendarDay = {year: 2025, month: 6, day: 1};

export interface LintWorkspace {
  readonly path: string;
  /** Writes `files` (name → text or bytes) into the folder. */
  write(files: Record<string, string | Buffer>): void;
  /** Lints `name` (written first when `text` is given) as `aigc policy lint` would. */
  lint(name: string, text?: string | Buffer): LintFileResult;
  /** The findings of `ruleId` for `name`, as `line:column message` (`file message` for a whole-file finding). */
  findingsOf(ruleId: string, name: string, text?: string | Buffer): string[];
}

/** A workspace in a fresh temporary folder for the tests of one file. */
export function lintWorkspace(today: CalendarDay = TODAY): LintWorkspace {
  let folder: ReturnType<typeof temporaryFolder>;
  beforeAll(() => {
    folder = temporaryFolder();
  });
  afterAll(() => folder.remove());
  const workspace: LintWorkspace = {
    get path() {
      return folder.path;
    },
    write(files) {
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(folder.path, name)), {recursive: true});
        writeFileSync(join(folder.path, name), content);
      }
    },
    lint(name, text) {
      if (text !== undefined) workspace.write({[name]: text});
      return lintPolicyFile(name, {today: () => today, cwd: folder.path});
    },
    findingsOf(ruleId, name, text) {
      return workspace
        .lint(name, text)
        .findings.filter((finding) => finding.ruleId === ruleId)
        .map(shown);
    },
  };
  return workspace;
}

function shown(finding: LintFinding): string {
  return finding.range ? `${finding.range.start.line}:${finding.range.start.column} ${finding.message}` : `file ${finding.message}`;
}

/** A minimal valid policy, to which a test adds what it checks. */
export const MINIMAL = 'policy_version: "1.0"\nroles: [agent]\n';
