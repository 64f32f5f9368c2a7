// Files the log writes beside a trail (checkpoints, tiles, witness state) are
// replaced atomically: written to a temporary file in the same folder, synced,
// then renamed over the old one, so a reader sees the old or the new file,
// never half of one.

import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import {open, rename, rm} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';

function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Replaces `file` with `contents`. */
export async function replaceFile(file: string, contents: string | Uint8Array, mode = 0o644): Promise<void> {
  const temporary = temporaryBeside(file);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, {force: true});
    throw error;
  }
}

/** `replaceFile`, synchronously (for the many small tile files of one update). `durable` syncs before the rename. */
export function replaceFileSync(file: string, contents: Uint8Array | string, durable = false): void {
  const temporary = temporaryBeside(file);
  try {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      writeSync(fd, typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw error;
  }
}
