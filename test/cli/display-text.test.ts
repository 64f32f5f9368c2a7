// Control characters from input are shown as escapes in everything people
// read (src/cli/display-text.ts), through one copy of the report model and
// one stderr writer; machine formats keep the exact value.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {displayCopy, displayText} from '../../src/cli/display-text.js';
import {temporaryFolder} from '../testing/helpers.js';
import {aigc} from './command-line.js';

// Anything a terminal acts on: C0 (but tab and line feed), DEL, C1, bidi controls, line separators.
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('displayText', () => {
  it('spells C0, DEL and C1 controls as \\xNN and bidi or separator characters as \\uNNNN', () => {
    expect(displayText('a\x1b[31mb\x07c\x7f\x9bd')).toBe('a\\x1b[31mb\\x07c\\x7f\\x9bd');
    expect(displayText('x\u202ey\u2066z\u2028')).toBe('x\\u202ey\\u2066z\\u2028');
    expect(displayText('\0\r')).toBe('\\x00\\x0d');
  });

  it('keeps tabs, line feeds, CRLF line ends and every printable character', () => {
    const text = 'tab\there\r\nnext line: é ☃ 𝄞 “quotes” \\x1b as typed\n';
    expect(displayText(text)).toBe(text);
  });

  it('copies a model with every string (keys too) shown, sharing what needs no change', () => {
    const clean = {count: 3, names: ['ok']};
    const model = {file: 'a\x1b.yaml', nested: [{message: 'bell\x07'}], clean, map: new Map([['k', '\x1b']]), '\x1bkey': true};
    const copy = displayCopy(model);
    expect(copy).toEqual({file: 'a\\x1b.yaml', nested: [{message: 'bell\\x07'}], clean, map: model.map, '\\x1bkey': true});
    expect(copy.clean).toBe(clean);
    expect(model.file).toBe('a\x1b.yaml');
    expect(displayCopy(clean)).toBe(clean);
  });
});

describe('human output of commands', () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());
  const hostile = 'evil\x1b]0;owned\x07\u202e.yaml';
  writeFileSync(join(folder.path, hostile), 'policy_version: "1.0"\nroles: [agent\n');

  it.each(['text', 'pretty', 'github'])('policy lint -f %s shows a file name with control characters as escapes', async (format) => {
    const run = await aigc(['policy', 'lint', '.', '-f', format, '--color'], {cwd: folder.path});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('evil\\x1b]0;owned\\x07\\u202e.yaml');
    // colour stays: the only escapes left are the reporter's own SGR sequences
    expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(RAW);
  });

  it.each(['json', 'sarif', 'junit'])('policy lint -f %s keeps the exact file name, escaped for its format', async (format) => {
    const run = await aigc(['policy', 'lint', '.', '-f', format], {cwd: folder.path});
    expect(run.stdout).not.toContain('evil\\x1b');
    // XML 1.0 cannot carry C0 controls at all; its writer replaces them
    if (format === 'junit') expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // SARIF gives files as URIs, percent-encoded
    else if (format === 'sarif') expect(JSON.parse(run.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(encodeURIComponent(hostile));
    else expect(JSON.parse(run.stdout).files.map((file: {file: string}) => file.file)).toContain(hostile);
  });

  it('policy validate and stderr notes show the name escaped', async () => {
    const run = await aigc(['policy', 'validate', '.', join(folder.path, 'missing\x1b[2J.yaml')], {cwd: folder.path});
    expect(`${run.stdout}${run.stderr}`).toContain('evil\\x1b]0;owned\\x07\\u202e.yaml');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(RAW);
  });
});
