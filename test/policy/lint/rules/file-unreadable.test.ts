// file-unreadable: a file lint could not check at all is one whole-file finding.
import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {fileUnreadable, hasUnreadableFile, missingFileResult} from '../../../../src/policy/lint/rules/file-unreadable.js';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (name: string, text?: string | Buffer) => workspace.findingsOf('file-unreadable', name, text);

describe('file-unreadable', () => {
  it('reports a missing file', () => {
    expect(findings('absent.yaml')).toEqual(['file file not found']);
  });

  it('reports invalid UTF-8 with the offset of the first bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('policy_version: "1.0"\nroles: [agent]\ndescription: caf'), Buffer.from([0xe9, 0x0a])]);
    expect(findings('latin1.yaml', latin1)).toEqual(['file is not valid UTF-8 (first invalid byte at offset 53)']);
  });

  it('refuses a file over 1 MiB without parsing it', () => {
    expect(findings('huge.yaml', `${MINIMAL}notes: '${'x'.repeat(1024 * 1024)}'\n`)).toEqual([
      'file file is larger than 1 MiB; policies are small documents',
    ]);
  });

  it('reports a folder named like a policy', () => {
    mkdirSync(join(workspace.path, 'x.yaml'));
    expect(findings('x.yaml')).toEqual(['file is a directory, not a policy file']);
  });

  it('reports a named pipe instead of waiting on it', () => {
    execFileSync('mkfifo', [join(workspace.path, 'pipe.yaml')]);
    expect(findings('pipe.yaml')).toEqual(['file is not a regular file']);
  });

  it('is the only finding of a file it reports, with no source for code frames', () => {
    const result = workspace.lint('absent.yaml');
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['file-unreadable']);
    expect(result.source).toBeUndefined();
  });

  it('is not reported for a readable file, however wrong its content', () => {
    expect(findings('broken.yaml', 'roles: [agent\n')).toEqual([]);
  });

  it('gives a path that names nothing the same finding as a missing file, and marks such results', () => {
    expect(missingFileResult('gone.yaml')).toEqual({
      file: 'gone.yaml',
      checkedBy: ['file-unreadable'],
      findings: [{ruleId: 'file-unreadable', severity: 'error', message: 'file not found', file: 'gone.yaml'}],
    });
    expect(hasUnreadableFile(missingFileResult('gone.yaml'))).toBe(true);
    expect(hasUnreadableFile(workspace.lint('ok.yaml', MINIMAL))).toBe(false);
  });

  it('is an error', () => {
    expect(fileUnreadable.severity).toBe('error');
  });
});
