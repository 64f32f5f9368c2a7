// `aigc policy test` as a shell types it: every spelling of a flag its help shows reads the same.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, tempFolder} from '../command-line.js';

describe('aigc policy test', () => {
  it('reports the same for -f text and -f=text', async () => {
    const spaced = await aigc(['policy', 'test', 'fixtures/suites', '-f', 'text']);
    const joined = await aigc(['policy', 'test', 'fixtures/suites', '-f=text']);
    expect(spaced.code).toBe(0);
    expect(joined).toEqual(spaced);
    expect(spaced.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('exits 3 for a missing path and 2 for a bad flag value, however the flags are written', async () => {
    expectOneLineError(await aigc(['policy', 'test', 'no-such.test.yaml']), 3, /^aigc policy test: no-such\.test\.yaml: no such file or folder/);
    expectOneLineError(await aigc(['policy', 'test', 'no-such.test.yaml', '-f=text']), 3, /^aigc policy test: no-such\.test\.yaml: no such file or folder/);
    expectOneLineError(await aigc(['policy', 'test', 'fixtures/suites', '-f', 'yaml']), 2, /unknown format "yaml" for --format/);
  });

  it('says an empty suite file is empty, in its own words rather than the schema validator\'s', async () => {
    const folder = tempFolder();
    try {
      folder.file('empty.test.yaml', '');
      folder.file('comments.test.yaml', '# cases to come\n');
      const run = await aigc(['policy', 'test', '.', '-f', 'text'], {cwd: folder.path});
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('aigc policy test: comments.test.yaml:1:1: the suite file is empty: a suite is a YAML mapping with a cases list');
      expect(run.stderr).toContain('aigc policy test: empty.test.yaml:1:1: the suite file is empty');
      expect(run.stderr).not.toMatch(/None|is not of type/);
    } finally {
      folder.remove();
    }
  });

  it('holds the example suites to a coverage threshold, JSON on stdout, the summary and the shortfall on stderr, LCOV to a file', async () => {
    const folder = tempFolder();
    try {
      const lcov = folder.file('policies.lcov', '');
      const spaced = await aigc(['policy', 'test', 'fixtures/suites', '-f', 'json', '--threshold', '99', '--coverage-format', 'lcov', '--coverage-output', lcov]);
      const joined = await aigc(['policy', 'test', 'fixtures/suites', '-f=json', '--threshold=99', '--coverage-format=lcov', `--coverage-output=${lcov}`]);
      expect(spaced.code).toBe(1);
      expect(JSON.parse(spaced.stdout).summary.failed).toBe(0);
      expect(spaced.stderr).toMatch(/^coverage: \d+\/\d+ outcomes/);
      expect(spaced.stderr).toMatch(/\naigc policy test: coverage is below the threshold of 99% by \d+\.\d\d percentage points \(\d+\/\d+ outcomes covered; \d+ more needed\)\n$/);
      expect(joined.code).toBe(1);
      expect(joined.stderr).toBe(spaced.stderr);
      expect(readFileSync(lcov, 'utf8')).toMatch(/^TN:\nSF:policies\/analytics-team\.yaml\n/);
    } finally {
      folder.remove();
    }
  });
});
