// What a folder walk or a glob never takes (src/files/collect.ts): links out
// of the folder, special files, link loops; and what a path named on the
// command line does: it is followed, links and all.
import {execFileSync} from 'node:child_process';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {collectFiles, POLICY_FILES, SUITE_FILES, skippedMessage} from '../../src/files/collect.js';
import {temporaryFolder} from '../testing/helpers.js';

let outside: ReturnType<typeof temporaryFolder>;
let folder: ReturnType<typeof temporaryFolder>;
let server: Server;
const at = (name: string) => join(folder.path, name);

beforeAll(async () => {
  outside = temporaryFolder();
  writeFileSync(join(outside.path, 'secret.yaml'), 'canary: do-not-print\n');
  mkdirSync(join(outside.path, 'more'));
  writeFileSync(join(outside.path, 'more', 'other.yaml'), 'canary: do-not-print\n');

  folder = temporaryFolder();
  mkdirSync(at('repo/real'), {recursive: true});
  mkdirSync(at('repo/.shared'));
  writeFileSync(at('repo/a.yaml'), 'x: 1\n');
  writeFileSync(at('repo/real/b.yaml'), 'x: 1\n');
  writeFileSync(at('repo/.shared/c.yaml'), 'x: 1\n');
  symlinkSync(join(outside.path, 'secret.yaml'), at('repo/shadow.yaml'));
  symlinkSync(join(outside.path, 'more'), at('repo/elsewhere'));
  symlinkSync(join(outside.path, 'secret.yaml'), at('repo/notes.txt'));
  symlinkSync('a.yaml', at('repo/current.yaml'));
  symlinkSync('real', at('repo/alias'));
  symlinkSync('..', at('repo/real/up'));
  symlinkSync('.shared', at('repo/shared'));
  symlinkSync('loop.yaml', at('repo/loop.yaml'));
  symlinkSync('nowhere.yaml', at('repo/dangling.yaml'));
  symlinkSync('nowhere.txt', at('repo/dangling.txt'));
  symlinkSync('/dev/zero', at('repo/zero.yaml'));
  execFileSync('mkfifo', [at('repo/pipe.yaml')]);
  execFileSync('mkfifo', [at('repo/pipe.txt')]);
  symlinkSync('pipe.yaml', at('repo/to-pipe.yaml'));
  server = createServer();
  await new Promise<void>((listening) => server.listen(at('repo/socket.yaml'), listening));
  symlinkSync('repo', at('repo-link'));
  mkdirSync(at('suites/real'), {recursive: true});
  writeFileSync(at('suites/real/x.test.yaml'), 'x: 1\n');
  symlinkSync(join(outside.path, 'secret.yaml'), at('suites/leak.test.yaml'));
  symlinkSync(join(outside.path, 'secret.yaml'), at('named.yaml'));
});
afterAll(() => {
  server.close();
  folder.remove();
  outside.remove();
});

const collect = (paths: string[]) => collectFiles(paths, POLICY_FILES, folder.path);

describe('a folder walk', () => {
  const walk = () => collect(['repo']);

  it('takes regular files, links to files inside the folder, and folders linked from inside it', () => {
    expect(walk().files).toEqual(['repo/a.yaml', 'repo/current.yaml', 'repo/real/b.yaml', 'repo/shared/c.yaml']);
  });

  it('skips links that lead out of the folder, naming the link and not where it leads', () => {
    const skipped = walk().skipped.filter((entry) => entry.why === 'link-outside-folder');
    expect(skipped.map((entry) => entry.path)).toEqual(['repo/elsewhere', 'repo/shadow.yaml', 'repo/zero.yaml']);
    expect(skippedMessage(skipped[1])).toBe('repo/shadow.yaml: skipped: a symbolic link that leads out of the folder, not followed');
    for (const entry of skipped) expect(skippedMessage(entry)).not.toContain(outside.path);
  });

  it('does not mention a link out of the folder that it would not have taken anyway', () => {
    expect(walk().skipped.map((entry) => entry.path)).not.toContain('repo/notes.txt');
  });

  it('skips named pipes, sockets and links to them without opening them (a pipe would block)', () => {
    expect(walk().skipped.filter((entry) => entry.why === 'not-regular-file')).toEqual([
      {path: 'repo/pipe.yaml', why: 'not-regular-file', detail: 'named pipe'},
      {path: 'repo/socket.yaml', why: 'not-regular-file', detail: 'socket'},
      {path: 'repo/to-pipe.yaml', why: 'not-regular-file', detail: 'named pipe'},
    ]);
    expect(skippedMessage({path: 'repo/pipe.yaml', why: 'not-regular-file', detail: 'named pipe'})).toBe(
      'repo/pipe.yaml: skipped: a named pipe, not a regular file',
    );
  });

  it('walks each folder once, so a link back up ends, and reports links that loop or lead nowhere', () => {
    const {skipped} = walk();
    expect(skipped.filter((entry) => entry.why === 'link-loop')).toEqual([{path: 'repo/loop.yaml', why: 'link-loop'}]);
    expect(skipped.filter((entry) => entry.why === 'broken-link')).toEqual([{path: 'repo/dangling.yaml', why: 'broken-link', detail: 'ENOENT'}]);
    expect(skipped.map((entry) => entry.path)).not.toContain('repo/real/up');
  });

  it('applies the same rules to files a glob finds, from the folder the pattern starts at', () => {
    const globbed = collect(['repo/*.yaml']);
    expect(globbed.files).toEqual(['repo/a.yaml', 'repo/current.yaml']);
    expect(globbed.skipped.map((entry) => `${entry.path} ${entry.why}`)).toEqual([
      'repo/dangling.yaml broken-link',
      'repo/loop.yaml link-loop',
      'repo/pipe.yaml not-regular-file',
      'repo/shadow.yaml link-outside-folder',
      'repo/socket.yaml not-regular-file',
      'repo/to-pipe.yaml not-regular-file',
      'repo/zero.yaml link-outside-folder',
    ]);
  });

  it('does not descend a glob through a link to a folder', () => {
    expect(collect(['repo/**/*.yaml']).files).toEqual(['repo/a.yaml', 'repo/current.yaml', 'repo/real/b.yaml']);
  });

  it('walks for suites by the same rules', () => {
    const suites = collectFiles(['suites'], SUITE_FILES, folder.path);
    expect(suites.files).toEqual(['suites/real/x.test.yaml']);
    expect(suites.skipped).toEqual([{path: 'suites/leak.test.yaml', why: 'link-outside-folder'}]);
  });
});

describe('a path named on the command line', () => {
  it('is followed when it is a link: the user chose it (its reader still takes only a regular file)', () => {
    expect(collect(['named.yaml']).files).toEqual(['named.yaml']);
    expect(collect(['repo/pipe.yaml']).files).toEqual(['repo/pipe.yaml']);
  });

  it('is walked when it is a link to a folder, the folder it leads to being the one walked', () => {
    const linked = collect(['repo-link']);
    expect(linked.files).toEqual(['repo-link/a.yaml', 'repo-link/current.yaml', 'repo-link/real/b.yaml', 'repo-link/shared/c.yaml']);
    expect(linked.skipped.map((entry) => entry.path)).toContain('repo-link/shadow.yaml');
  });

  it('is taken as given when it is a link that loops, for its reader to say so, and missing when it leads nowhere', () => {
    expect(collect(['repo/loop.yaml'])).toMatchObject({files: ['repo/loop.yaml'], missing: []});
    expect(collect(['repo/dangling.yaml'])).toMatchObject({files: [], missing: ['repo/dangling.yaml']});
  });
});
