// The progress line of `aigc chain verify` on a terminal: what it shows, and
// that it is coloured only when the one colour decision says so (ink's own
// detection would ignore NO_COLOR).
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';

// The view is only ever shown outside CI (src/cli/run-verify.ts decides),
// while ink, deciding once when it is loaded, paints nothing but the last frame
// under CI=… . The test stands where the view is used: outside CI, so the
// environment is cleared before ink is loaded.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
const {startVerifyProgress} = await import('../../src/cli/ui/verify-progress.js');

/** A stand-in terminal: everything written to it, as text. */
function terminal(): {stream: NodeJS.WriteStream; text: () => string} {
  const stream = Object.assign(new PassThrough(), {isTTY: true, columns: 100, rows: 20}) as unknown as NodeJS.WriteStream;
  const chunks: Buffer[] = [];
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => chunks.push(chunk));
  return {stream, text: () => Buffer.concat(chunks).toString('utf8')};
}

async function showProgress(color: boolean): Promise<string> {
  const {stream, text} = terminal();
  const view = startVerifyProgress({stderr: stream, fileSize: () => 1000, colorLevel: color ? 1 : 0});
  view.update({file: 'audit.jsonl', bytesRead: 500, artifacts: 1234, problems: 2});
  // ink paints on its own schedule: wait (a bounded while) for the frame with the update.
  for (let waited = 0; !text().includes('problems') && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  await view.stop();
  return text();
}

// Select Graphic Rendition sequences: colours, bold, dim (cursor movement is not among them).
const STYLING = /\x1b\[(?:[0-9;]*m)/;

describe('the chain verify progress line', () => {
  it('shows the file, how far it is read, artifacts and problems', async () => {
    const shown = await showProgress(false);
    expect(shown).toContain('verifying audit.jsonl');
    expect(shown).toContain('50%');
    expect(shown).toContain('1,234 artifacts');
    expect(shown).toContain('2 problems');
  });

  it('has no colour or styling when colour is off (NO_COLOR, --no-color)', async () => {
    expect(await showProgress(false)).not.toMatch(STYLING);
  });

  it('is coloured when colour is on', async () => {
    expect(await showProgress(true)).toMatch(STYLING);
  });
});
