// `aigc policy test` as a shell types it: every spelling of a flag its help shows reads the same.
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError} from '../command-line.js';

describe('aigc policy test', () => {
  it('reports the same for -f text and -f=text', async () => {
    const spaced = await aigc(['policy', 'test', 'fixtures/suites', '-f', 'text']);
    const joined = await aigc(['policy', 'test', 'fixtures/suites', '-f=text']);
    expect(spaced.code).toBe(0);
    expect(joined).toEqual(spaced);
    expect(spaced.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('exits 3 for a missing path and 2 for a bad flag value, however the flags are written', async () => {
    expectOneLineError(await aigc(['policy', 'test', 'no-such.test.yaml']), 3, /^aigc: no-such\.test\.yaml: no such file or folder/);
    expectOneLineError(await aigc(['policy', 'test', 'no-such.test.yaml', '-f=text']), 3, /^aigc: no-such\.test\.yaml: no such file or folder/);
    expectOneLineError(await aigc(['policy', 'test', 'fixtures/suites', '-f', 'yaml']), 2, /unknown format "yaml" for --format/);
  });
});
