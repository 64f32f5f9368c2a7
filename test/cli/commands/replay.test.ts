// `aigc replay --update` as a shell types it: the syntax its help shows is the one that works.
import {describe, expect, it} from 'vitest';
import {aigc, expectOneLineError} from '../command-line.js';

const FIXTURE = 'test/data/replay/wrapped_role_fail.json';

describe('aigc replay --update', () => {
  it('works as shown, and refuses the value as a separate word (it would be read as a PATH)', async () => {
    expect((await aigc(['replay', FIXTURE, '--update=none'])).code).toBe(0);
    expect((await aigc(['replay', FIXTURE, '-u=none'])).code).toBe(0);
    expectOneLineError(await aigc(['replay', FIXTURE, '-u', 'none']), 2, /-u none: write the value of -u after an = sign \(-u=none\)/);
  });
});
