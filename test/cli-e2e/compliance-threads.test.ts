// `aigc compliance export` classifies a large trail's lines in worker threads
// and gives the report it gives on one thread: the built engine compared
// thread for thread (batches far smaller than the files, so most go to the
// workers), and the built CLI on a file large enough for workers compared
// with the same bytes read from stdin, on one thread.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import type * as Trails from '../../src/report/compliance-trails.js';
import {lineageTrail} from '../report/lineage-trail.js';
import {tempFolder} from '../cli/command-line.js';
import {REPO_ROOT, spawnAigc as aigc} from './cli.js';

const built = (): Promise<typeof Trails> => import(pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'report', 'compliance-trails.js')).href);
const inputs = join(REPO_ROOT, 'test', 'data', 'compliance', 'inputs');

describe('aigc compliance export on several threads', () => {
  const folder = tempFolder();
  afterAll(() => folder.remove());

  it('classifies in workers exactly as on one thread, plain and with lineage', async () => {
    const {readComplianceReport} = await built();
    // The trails whose lines Python splits or strips differently, and a lineage of 2,000 artifacts.
    const awkward = ['mixed', 'bom', 'bom-blank', 'crlf', 'lone-cr', 'python-whitespace', 'truncated', 'no-final-newline', 'nan', 'lineage'];
    const files = [...awkward.map((name) => join(inputs, `${name}.jsonl`)), folder.file('lineage.jsonl', lineageTrail(2000))];
    for (const lineage of [false, true]) {
      for (const file of files) {
        const read = (threads: number) =>
          readComplianceReport([{name: 'trail', path: file}], {sourceFile: 'trail', lineage, threads, batchBytes: 4096}).catch((error: Error) => error.message);
        const [one, three] = [await read(1), await read(3)];
        expect(three, `${file}${lineage ? ' with lineage' : ''}`).toEqual(one);
      }
    }
  });

  it('reports a large file read on every core as it reports the same bytes read from stdin', async () => {
    const artifacts = readFileSync(join(REPO_ROOT, 'test', 'data', 'corpus-public', 'expected.jsonl'), 'utf8').trim().split('\n');
    const lines: string[] = [];
    for (let n = 0; n < 10000; n++) lines.push(n % 101 === 100 ? 'not json' : n % 103 === 102 ? '[1, 2]' : artifacts[n % artifacts.length]);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(9 * 1024 * 1024);
    const file = folder.file('large.jsonl', text);
    for (const flags of [[], ['--lineage']]) {
      const [fromFile, fromStdin] = await Promise.all([
        aigc(['compliance', 'export', '-i', file, ...flags], {timeoutMs: 60000}),
        aigc(['compliance', 'export', '-i', '-', ...flags], {input: text, timeoutMs: 60000}),
      ]);
      expect([fromFile.code, fromStdin.code]).toEqual([0, 0]);
      const report = JSON.parse(fromFile.stdout);
      expect(report.invalid_artifacts).toBeGreaterThan(100);
      expect({...report, source_file: '-'}).toEqual(JSON.parse(fromStdin.stdout));
      expect(fromFile.stderr.replaceAll(file, 'stdin')).toBe(fromStdin.stderr);
    }
  });
});
