// The checkpoint a writer keeps beside its trail (`TRAIL.checkpoint`), read as
// a claim about the trail: its tree size and root, not yet trusted (its
// signature is checked only where a key is given).

import {readFile} from 'node:fs/promises';
import {parseCheckpointNote} from './checkpoint.js';
import {trailCheckpointPath} from './log.js';

export interface CheckpointBeside {
  /** The note as it stands in the file. */
  note: string;
  size: number;
  root: Uint8Array;
}

/** The checkpoint beside `trail`, or null when there is none or it is not a checkpoint note. */
export async function readCheckpointBeside(trail: string): Promise<CheckpointBeside | null> {
  let note: string;
  try {
    note = await readFile(trailCheckpointPath(trail), 'utf8');
  } catch {
    return null;
  }
  try {
    const {checkpoint} = parseCheckpointNote(note);
    return {note, size: checkpoint.size, root: checkpoint.root};
  } catch {
    return null;
  }
}
