// The README's first screen: what aigc is for each of its users, in three
// lines, each linking a page that exists.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {REPO_ROOT} from '../cli/command-line.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('opens with one line each for CI, developers and pipelines, and auditors, before any section', () => {
    const firstScreen = readme.slice(0, readme.indexOf('\n## '));
    const users = firstScreen.split('\n').filter((line) => line.startsWith('- **'));
    expect(users.map((line) => /^- \*\*(.+?)\*\*/.exec(line)?.[1])).toEqual(['In CI', 'For developers and shell pipelines', 'For auditors']);
    for (const line of users) expect(line).toMatch(/\]\((docs\/[\w-]+\.md|#[\w-]+)\)/);
  });

  it('links only documents that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?:docs|schemas|policies)\/[^)#]+)(?:#[^)]*)?\)/g)) {
      expect(existsSync(join(REPO_ROOT, target as string)), target).toBe(true);
    }
  });
});
