import {mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {pathExists} from '../../src/io/path-exists.js';

const folder = mkdtempSync(join(tmpdir(), 'aigc-exists-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

describe('pathExists', () => {
  it('is true for a file and false where nothing stands', async () => {
    writeFileSync(join(folder, 'here.txt'), '');
    expect(await pathExists(join(folder, 'here.txt'))).toBe(true);
    expect(await pathExists(join(folder, 'absent.txt'))).toBe(false);
  });

  it('counts a dangling link only when links are not followed', async () => {
    symlinkSync(join(folder, 'nowhere'), join(folder, 'dangling'));
    expect(await pathExists(join(folder, 'dangling'))).toBe(false);
    expect(await pathExists(join(folder, 'dangling'), false)).toBe(true);
  });

  it('throws what is not "no such file", for the caller to word', async () => {
    writeFileSync(join(folder, 'plain.txt'), '');
    await expect(pathExists(join(folder, 'plain.txt', 'below'))).rejects.toMatchObject({code: 'ENOTDIR'});
  });
});
