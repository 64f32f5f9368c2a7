// A clone that was never built has bin/ but no dist/: running it must say
// what to do in one line, not print Node's stack trace.
import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin');

describe('an unbuilt checkout', () => {
  it('says it is not built, in one line, with exit 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigc-unbuilt-'));
    mkdirSync(join(dir, 'bin'));
    for (const file of ['run.js', 'bundle-loader.js']) copyFileSync(join(bin, file), join(dir, 'bin', file));
    const result = spawnSync(process.execPath, [join(dir, 'bin', 'run.js'), 'policy', 'lint', '.'], {encoding: 'utf8'});
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`aigc: this copy of aigc is not built (${join(dir, 'dist', 'aigc.bundle.cjs')} is missing); run npm run build in its folder\n`);
  });
});
