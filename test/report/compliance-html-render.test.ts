import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exportReport} from './compliance-io.js';

// Renders the HTML report in headless Chromium and keeps the screenshot
// (SCREENSHOT below) for a person to look at. Debian's `chromium` package
// provides /usr/bin/chromium; without it the test is skipped.
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const INPUTS = join(import.meta.dirname, '../data/compliance/inputs');
const SCREENSHOT = join(tmpdir(), 'aigc-compliance-report.png');
const work = mkdtempSync(join(tmpdir(), 'aigc-html-'));

afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('the HTML compliance report', () => {
  it.skipIf(!HAS_CHROMIUM)(`renders in headless Chromium to a 1280x2000 screenshot${HAS_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is not installed; apt-get install -y chromium)'}`, async () => {
    const run = await exportReport({input: ['mixed.jsonl', 'lineage.jsonl'], format: 'html', lineage: true}, {cwd: INPUTS});
    expect(run.exitCode).toBe(0);
    const page = join(work, 'report.html');
    writeFileSync(page, run.stdout);
    const chromium = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(work, 'profile')}`,
        `--screenshot=${SCREENSHOT}`,
        '--window-size=1280,2000',
        `file://${page}`,
      ],
      {timeout: 90_000, encoding: 'utf8'},
    );
    expect(chromium.status, chromium.stderr).toBe(0);
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, right after the signature and chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 2000]);
    // A blank page compresses to a few kilobytes; the report's text and charts do not.
    expect(png.length).toBeGreaterThan(50_000);
  }, 120_000);

  it('is self-contained: no script, no external reference, a policy that forbids fetching', async () => {
    const run = await exportReport({input: ['mixed.jsonl'], format: 'html', lineage: true}, {cwd: INPUTS});
    const html = run.stdout.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(|@import/i);
  });

  it('gives every chart a title and a description with its numbers, and every table a caption', async () => {
    const run = await exportReport({input: ['mixed.jsonl'], format: 'html'}, {cwd: INPUTS});
    const html = run.stdout.toString('utf8');
    const charts = [...html.matchAll(/<svg class="chart[^"]*"[^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"/g)];
    expect(charts).toHaveLength(2);
    for (const [, titleId, descId] of charts) {
      expect(html).toContain(`<title id="${titleId}">`);
      expect(html).toContain(`<desc id="${descId}">`);
    }
    expect(html).toContain('PASS 16 (35.6%), FAIL 17 (37.8%), Invalid 12 (26.7%)');
    expect(html).toContain('precondition_validation 5, role_validation 4');
    expect(html.match(/<table[ >]/g)).toHaveLength(html.match(/<caption>/g)?.length ?? -1);
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('escapes text from the trail', async () => {
    const trail = join(work, 'hostile.jsonl');
    const artifact = JSON.parse(readFileSync(join(INPUTS, 'crlf.jsonl'), 'utf8').split('\r\n')[0]);
    writeFileSync(trail, `${JSON.stringify({...artifact, policy_file: '<script>alert(1)</script>&"\''})}\n`);
    const run = await exportReport({input: [trail], format: 'html'}, {cwd: work});
    const html = run.stdout.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#38;&#34;&#39;');
  });
});
