// `aigc replay` as a shell types it: the --update syntax its help shows is
// the one that works, and a what-if over what `aigc enforce --record --chain` wrote.
import {cpSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {invocations, SUPPORT, SUPPORT_V2} from '../../testing/what-if-stream.js';
import {aigc, expectOneLineError, REPO_ROOT, tempFolder} from '../command-line.js';

const FIXTURE = 'test/data/replay/wrapped_role_fail.json';

describe('aigc replay --update', () => {
  it('works as shown, and refuses the value as a separate word (it would be read as a PATH)', async () => {
    expect((await aigc(['replay', FIXTURE, '--update=none'])).code).toBe(0);
    expect((await aigc(['replay', FIXTURE, '-u=none'])).code).toBe(0);
    expectOneLineError(await aigc(['replay', FIXTURE, '-u', 'none']), 2, /-u none: write the value of -u after an = sign \(-u=none\)/);
  });
});

describe('aigc replay --update with --expected FILE', () => {
  it('names the file it wrote, which the report (naming the fixture) does not', async () => {
    const folder = tempFolder();
    try {
      const wrapped = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'golden', 'support-intern-is-refused.json'), 'utf8')) as {invocation: unknown};
      folder.file('invocation.json', JSON.stringify(wrapped.invocation));
      cpSync(join(REPO_ROOT, 'policies'), join(folder.path, 'policies'), {recursive: true});
      const run = await aigc(['replay', 'invocation.json', '--expected', 'expected.json', '--update=new', '-f', 'text'], {cwd: folder.path});
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('aigc replay: wrote the actual artifact to expected.json (--expected)\n');
      expect(JSON.parse(readFileSync(join(folder.path, 'expected.json'), 'utf8')).failure_gate).toBe('role_validation');
      // Written once: a second run compares with it and writes nothing.
      const again = await aigc(['replay', 'invocation.json', '--expected', 'expected.json', '--update=new', '-f', 'text'], {cwd: folder.path});
      expect([again.code, again.stderr]).toEqual([0, '']);
    } finally {
      folder.remove();
    }
  });
});

describe('aigc replay --policy over what aigc enforce --record --chain wrote', () => {
  let folder: ReturnType<typeof tempFolder> | undefined;
  afterEach(() => {
    folder?.remove();
    folder = undefined;
  });

  it('exits 1 on flipped decisions, 0 with --allow-flips, and replays the chain file as far as its artifacts allow', async () => {
    folder = tempFolder();
    const input = folder.file('invocations.jsonl', `${invocations().map(({invocation}) => JSON.stringify(invocation)).join('\n')}\n`);
    const records = join(folder.path, 'recorded.jsonl');
    const trail = join(folder.path, 'trail.jsonl');
    const enforced = await aigc(['enforce', '--now', '1780000000', '--input', input, '--record', records, '--chain', trail]);
    expect(enforced.code).toBe(1);
    const mapping = `${SUPPORT}=${SUPPORT_V2}`;
    const whatIf = await aigc(['replay', records, '--policy', mapping]);
    expect(whatIf.code).toBe(1);
    expect(whatIf.stdout).toContain('\n17 of 53 decisions changed (15 flipped, 2 by the reason only), 36 unchanged\n');
    const allowed = await aigc(['replay', records, '--policy', mapping, '--allow-flips', '--json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).decisions).toMatchObject({flipped: 15, counts: {pass_to_fail: 7, fail_to_pass: 5, gate_changed: 3, reason_changed: 2}});
    const fromTrail = await aigc(['replay', trail, '--policy', mapping]);
    expect(fromTrail.code).toBe(1);
    expect(fromTrail.stdout).toContain('\n12 of 22 decisions changed (10 flipped, 2 by the reason only), 10 unchanged, 31 not replayable\n');
    const both = await aigc(['replay', folder.path, '--policy', mapping, '--policy', 'policies/support-assistant.yaml']);
    expect(both.stdout).toContain('  53 trail artifact(s) replayed as the records that hold them\n');
    expect(both.stderr).toContain('aigc replay: warning: --policy policies/support-assistant.yaml applied to no record');
  });
});
