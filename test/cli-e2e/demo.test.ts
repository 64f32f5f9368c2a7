// `npm run demo` (its script, after the build): the story it tells, each step
// ending as the story says, and a checkout left exactly as it was.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {REPO_ROOT} from './cli.js';

function gitStatus(): string | undefined {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {cwd: REPO_ROOT, encoding: 'utf8'});
  } catch {
    return undefined;
  }
}

describe('npm run demo', () => {
  it('tells the whole story from lint to compliance report in a temporary folder, leaving the checkout as it was', () => {
    const before = gitStatus();
    const demo = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'demo.js')], {cwd: REPO_ROOT, encoding: 'utf8', env: {...process.env, FORCE_COLOR: undefined}});
    const work = /^ {2}rm -r (\S+)$/m.exec(demo.stdout)?.[1];
    try {
      expect(demo.status, demo.stdout + demo.stderr).toBe(0);
      expect(demo.stderr).toBe('');
      const out = demo.stdout;
      expect(out).toMatch(/Where the inputs come from[\s\S]*A temporary copy of this checkout's policies\/ and fixtures\//);
      // The broken copy: three findings, each with a code frame pointing at the line.
      expect(out).toMatch(/broken\/support-assistant\.yaml:3:17 error policy-schema/);
      expect(out).toMatch(/^> 3 \| policy_version: 1\.2$/m);
      expect(out).toMatch(/✖ 3 errors, 0 warnings in 1 file/);
      // The one failing case, and why.
      expect(out).toMatch(/^FAIL {2}a deliberate mistake › a supervisor may look up two orders/m);
      expect(out).toMatch(/^\d+ passed, 1 failed$/m);
      expect(out).toMatch(/max_calls: 1/);
      expect(out).toMatch(/\$ aigc replay fixtures\/golden\n\d+ passed, 0 failed/);
      expect(out).toMatch(/15 artifacts on stdout and in audit\.jsonl: 5 PASS, 10 FAIL/);
      expect(out).toMatch(/15\/15 signatures valid\nverified: 15 artifacts in 1 file, no problems/);
      expect(out).toMatch(/audit\.jsonl:\d+: checksum-mismatch[\s\S]*FAILED: 2 problems in 1 file/);
      // The auditor without the secret: the checkpoint verifies, one artifact is proven, and tampering breaks the checkpoint.
      expect(out).toMatch(/checkpoint audit\.jsonl\.checkpoint: verified: the first 15 leaves/);
      expect(out).toMatch(/line-2\.proof: verified: leaf 1 is in the tree of 15 leaves/);
      expect(out).toMatch(/checkpoint audit\.jsonl\.checkpoint: root-mismatch[\s\S]*1 of 1 checkpoint not verified/);
      expect(out).toMatch(/Next\n {2}aigc init/);
      expect(work).toBeDefined();
      const report = readFileSync(join(work as string, 'report.html'), 'utf8');
      expect(out).toContain(`Open ${join(work as string, 'report.html')}`);
      expect(report).toMatch(/^<!DOCTYPE html>/i);
      expect(gitStatus()).toBe(before);
    } finally {
      if (work !== undefined && existsSync(work) && work.includes('aigc-demo-')) rmSync(work, {recursive: true, force: true});
    }
  });
});
