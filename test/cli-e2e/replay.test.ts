// `aigc replay` as a shell runs it: the --update syntax its help shows is the one that works.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, REPO_ROOT} from './cli.js';

const FIXTURE = 'test/data/replay/wrapped_role_fail.json';

describe('aigc replay --update', () => {
  it('shows the value of -u/--update as optional and written after =, in USAGE and FLAGS', async () => {
    const run = await aigc(['replay', '--help']);
    expect(run.code).toBe(0);
    const usage = run.stdout.slice(run.stdout.indexOf('USAGE'), run.stdout.indexOf('ARGUMENTS')).replace(/\s+/g, ' ');
    expect(usage).toContain('[-u[=new|all|none]]');
    expect(run.stdout).toMatch(/^ {2}-u, --update\[=new\|all\|none\] /m);
    expect(run.stdout).toContain('--update=none');
  });

  it('lists every flag of the command in its hand-written USAGE', async () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8'));
    const flags = Object.values(manifest.commands.replay.flags as Record<string, {name: string; char?: string; hidden?: boolean}>);
    const usage = (await aigc(['replay', '--help'])).stdout.split('ARGUMENTS')[0];
    for (const flag of flags.filter((item) => !item.hidden)) expect(usage).toMatch(flag.char ? `-${flag.char}` : `--${flag.name}`);
  });

  it('works as shown, and refuses the value as a separate word (it would be read as a PATH)', async () => {
    expect((await aigc(['replay', FIXTURE, '--update=none'])).code).toBe(0);
    expect((await aigc(['replay', FIXTURE, '-u=none'])).code).toBe(0);
    expectOneLineError(await aigc(['replay', FIXTURE, '-u', 'none']), 2, /-u none: write the value of -u after an = sign \(-u=none\)/);
  });
});
