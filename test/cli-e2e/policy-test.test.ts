// `aigc policy test` as a shell runs it: bin/run.js starts it without oclif,
// and falls back to oclif for what that path does not parse; both agree.
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError} from './cli.js';

describe('aigc policy test', () => {
  it('reports the same through the fast start-up path and through oclif', async () => {
    const fast = await aigc(['policy', 'test', 'fixtures/suites', '-f', 'text']);
    // oclif reads `-f=text`; the fast path leaves it to oclif.
    const viaOclif = await aigc(['policy', 'test', 'fixtures/suites', '-f=text']);
    expect(fast.code).toBe(0);
    expect(viaOclif).toEqual(fast);
    expect(fast.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('exits 3 for a missing path and 2 for a bad flag value, on either path', async () => {
    expectOneLineError(await aigc(['policy', 'test', 'no-such.test.yaml']), 3, /^aigc: no-such\.test\.yaml: no such file or folder/);
    expectOneLineError(await aigc(['policy', 'test', 'no-such.test.yaml', '-f=text']), 3, /^aigc: no-such\.test\.yaml: no such file or folder/);
    expectOneLineError(await aigc(['policy', 'test', 'fixtures/suites', '-f', 'yaml']), 2, /unknown format "yaml" for --format/);
  });
});
