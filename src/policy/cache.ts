// A cache of loaded policies keyed by resolved path and calendar day, valid
// while none of the files read for the load changed (modification time, size
// and inode). Failed loads are cached too, so a stream of invocations against
// a broken policy does not re-parse it for each one. Within `recheckMs` of
// the last look, path resolutions and file stamps are taken as still true:
// a stream of thousands of invocations a second does not stat every file for
// each one, and an edited policy is picked up within that interval.

import {statSync} from 'node:fs';
import {AigcError} from '../errors.js';
import type {PyDict} from '../python/values.js';
import type {CalendarDay} from './dates.js';

interface Entry {
  stamps: Map<string, string | null>;
  checkedAt: number;
  /** When it was last used, on the cache's own count (the least recent is evicted). */
  used: number;
  policy?: PyDict;
  error?: AigcError;
}

export class PolicyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly resolutions = new Map<string, {resolved: string; at: number}>();
  /** Counts uses: a hit is stamped in place, not moved in the map (which costs more than the rest of a hit). */
  private uses = 0;

  constructor(
    readonly maxSize = 1024,
    readonly recheckMs = 500,
  ) {
    if (maxSize < 1) throw new RangeError('max_size must be >= 1');
  }

  /** A path resolution remembered for `recheckMs`; `resolve` runs when it is older or unknown. */
  resolvePath(key: string, resolve: () => string): string {
    const now = Date.now();
    const known = this.resolutions.get(key);
    if (known && now - known.at < this.recheckMs) return known.resolved;
    const resolved = resolve();
    if (this.resolutions.size >= this.maxSize) this.resolutions.clear();
    this.resolutions.set(key, {resolved, at: now});
    return resolved;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.resolutions.clear();
  }

  /**
   * Returns the cached policy for `resolvedPath` on `today`, or runs `load`.
   * `filesRead` tells which files the load touched, also when it threw.
   * Failed loads are remembered (until a file read changes) unless `rememberFailures` is false.
   */
  getOrLoad(
    resolvedPath: string,
    today: CalendarDay,
    load: () => PyDict,
    filesRead: () => string[],
    {rememberFailures = true}: {rememberFailures?: boolean} = {},
  ): PyDict {
    const key = `${resolvedPath}\n${today.year}-${today.month}-${today.day}`;
    const hit = this.entries.get(key);
    if (hit && this.isFresh(hit)) {
      hit.used = ++this.uses;
      if (hit.error) throw cloneError(hit.error);
      return hit.policy!;
    }
    try {
      const policy = load();
      this.store(key, {stamps: stampsOf(filesRead()), checkedAt: Date.now(), used: 0, policy});
      return policy;
    } catch (error) {
      if (rememberFailures && error instanceof AigcError) {
        this.store(key, {stamps: stampsOf(filesRead()), checkedAt: Date.now(), used: 0, error: cloneError(error)});
      }
      throw error;
    }
  }

  private isFresh(entry: Entry): boolean {
    const now = Date.now();
    if (now - entry.checkedAt < this.recheckMs) return true;
    for (const [file, stamp] of entry.stamps) if (stampOf(file) !== stamp) return false;
    entry.checkedAt = now;
    return true;
  }

  private store(key: string, entry: Entry): void {
    entry.used = ++this.uses;
    if (!this.entries.has(key) && this.entries.size >= this.maxSize) this.entries.delete(this.leastRecentlyUsed());
    this.entries.set(key, entry);
  }

  /** The key used longest ago (a scan: it runs only when a full cache loads a new policy, and a load costs far more). */
  private leastRecentlyUsed(): string {
    let oldest: string | undefined;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.entries) {
      if (entry.used < oldestUse) {
        oldest = key;
        oldestUse = entry.used;
      }
    }
    return oldest!;
  }
}

function stampOf(path: string): string | null {
  try {
    const stats = statSync(path, {bigint: true});
    return `${stats.mtimeNs}:${stats.size}:${stats.ino}`;
  } catch {
    return null;
  }
}

function stampsOf(files: string[]): Map<string, string | null> {
  return new Map(files.map((file) => [file, stampOf(file)]));
}

/** A fresh error object with the same class, message and details (no artifact attached). */
function cloneError(error: AigcError): AigcError {
  const clone = Object.create(Object.getPrototypeOf(error)) as AigcError;
  Object.assign(clone, error, {auditArtifact: null});
  Object.defineProperty(clone, 'message', {value: error.message, writable: true, configurable: true});
  return clone;
}
