// The manifest of a dataset (`_aigc_dataset.json` in its folder; query engines
// skip files whose names start with `_`): the dataset schema version, the
// partitioning, how many exports wrote it, and for each source trail how far
// it was read, with the root of its checkpoint log there and the signed
// checkpoint beside the trail, so the dataset says what it was made from and a
// later export can prove the trail only grew.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {replaceFile} from '../audit/tlog/files.js';
import type {PartitionKey} from './columns.js';
import {DatasetError, readError} from './errors.js';

export const MANIFEST_FILE = '_aigc_dataset.json';

export interface ManifestCheckpoint {
  /** The signed note found beside the trail (`TRAIL.checkpoint`), as it was. */
  note: string;
  size: number;
  /** Whether the trail's log has this checkpoint's root at its size (its signature is not checked here). */
  rootMatches: boolean;
}

export interface ManifestSource {
  /** The trail as it was given (the report's `source_file`). */
  name: string;
  /** Up to where it was read: bytes, lines, leaves of the log and their root (base64, as in a checkpoint). */
  bytes: number;
  lines: number;
  treeSize: number;
  rootHash: string;
  rows: number;
  checkpoint: ManifestCheckpoint | null;
}

export interface DatasetManifest {
  datasetVersion: string;
  partitionBy: PartitionKey[];
  runs: number;
  sources: ManifestSource[];
}

interface ManifestFile {
  aigc_dataset_version: string;
  partition_by: PartitionKey[];
  export_runs: number;
  sources: {
    name: string;
    bytes: number;
    lines: number;
    tree_size: number;
    root_hash: string;
    rows: number;
    checkpoint: {note: string; tree_size: number; root_matches: boolean} | null;
  }[];
}

/** The manifest in `dir`, or null when `dir` has none. */
export async function readManifest(dir: string): Promise<DatasetManifest | null> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw readError(path, error);
  }
  let file: ManifestFile;
  try {
    file = JSON.parse(text) as ManifestFile;
  } catch {
    throw new DatasetError('not-a-dataset', 'not an aigc dataset manifest (not JSON)', path);
  }
  if (typeof file !== 'object' || file === null || typeof file.aigc_dataset_version !== 'string' || !Array.isArray(file.sources) || !Array.isArray(file.partition_by)) {
    throw new DatasetError('not-a-dataset', 'not an aigc dataset manifest', path);
  }
  return {
    datasetVersion: file.aigc_dataset_version,
    partitionBy: file.partition_by,
    runs: file.export_runs,
    sources: file.sources.map((source) => ({
      name: source.name,
      bytes: source.bytes,
      lines: source.lines,
      treeSize: source.tree_size,
      rootHash: source.root_hash,
      rows: source.rows,
      checkpoint: source.checkpoint === null ? null : {note: source.checkpoint.note, size: source.checkpoint.tree_size, rootMatches: source.checkpoint.root_matches},
    })),
  };
}

/** Replaces the manifest atomically: the last step of an export, so an interrupted one leaves the dataset as it was. */
export async function writeManifest(dir: string, manifest: DatasetManifest): Promise<void> {
  const file: ManifestFile = {
    aigc_dataset_version: manifest.datasetVersion,
    partition_by: manifest.partitionBy,
    export_runs: manifest.runs,
    sources: manifest.sources.map((source) => ({
      name: source.name,
      bytes: source.bytes,
      lines: source.lines,
      tree_size: source.treeSize,
      root_hash: source.rootHash,
      rows: source.rows,
      checkpoint: source.checkpoint === null ? null : {note: source.checkpoint.note, tree_size: source.checkpoint.size, root_matches: source.checkpoint.rootMatches},
    })),
  };
  await replaceFile(join(dir, MANIFEST_FILE), `${JSON.stringify(file, null, 2)}\n`);
}
