// Lineage of multi-step workflows: a graph of audit artifacts whose edges run
// from an artifact to the earlier artifacts it names in
// `provenance.derived_from_audit_checksums`, as the reference's AuditLineage.
//
// A node's key is the SHA-256 of the artifact's canonical JSON without the
// chain fields, so chaining an artifact does not move it in the graph (the
// stored chain `checksum` is a different value and is never the key).

import {checksum} from '../canonical/canonical.js';
import {type JsonlOptions, type JsonlSource, readJsonLines} from '../io/jsonl.js';
import {defineKey, dictGet, isDict, type PyDict, type PyValue, pyKeys, pyTypeName} from '../python/values.js';
import {pyTruthy} from '../python/semantics.js';
import {CHAIN_FIELDS} from './signing.js';

/** Fields `AuditChain.append` writes; left out of the lineage key. */
const CHAIN_FIELD_SET: ReadonlySet<string> = new Set(CHAIN_FIELDS);

/** An artifact whose provenance cannot give lineage edges (the reference's `ValueError`). */
export class LineageError extends Error {
  override name = 'LineageError';
  readonly code = 'LINEAGE_PROVENANCE_INVALID';
}

/** The lineage key of an artifact: sha256 of its canonical JSON without chain fields. Throws `CanonicalJsonError` for NaN/Infinity or lone surrogates. */
export function lineageKey(artifact: PyDict): string {
  const content: PyDict = {};
  for (const key of pyKeys(artifact)) if (!CHAIN_FIELD_SET.has(key)) defineKey(content, key, artifact[key]);
  return checksum(content);
}

/**
 * The parent keys an artifact declares, checked as the reference checks them
 * (falsy `provenance` or list count as none). Throws `LineageError`.
 */
export function declaredParents(artifact: PyDict): string[] {
  const provenance = orEmpty(dictGet(artifact, 'provenance'), {});
  if (!isDict(provenance)) throw new LineageError(`provenance must be a mapping, got '${pyTypeName(provenance)}'`);
  const parents = orEmpty(dictGet(provenance, 'derived_from_audit_checksums'), []);
  if (!Array.isArray(parents)) {
    throw new LineageError(`derived_from_audit_checksums must be a list, got '${pyTypeName(parents)}'`);
  }
  for (const parent of parents) {
    if (typeof parent !== 'string') {
      throw new LineageError(`derived_from_audit_checksums entries must be str, got '${pyTypeName(parent)}'`);
    }
  }
  return parents as string[];
}

/** Python `value or fallback`. */
function orEmpty(value: PyValue | undefined, fallback: PyValue): PyValue {
  return value !== undefined && pyTruthy(value) ? value : fallback;
}

/**
 * The shape of a lineage graph: node keys in first-insertion order and their
 * edges, without the artifacts themselves, so a streaming report can keep a
 * large trail's lineage in little memory. `AuditLineage` adds the artifacts.
 */
export class LineageGraph {
  /** Node keys in first-insertion order, with each node's distinct parents in declared order. */
  private readonly parents = new Map<string, string[]>();
  /** Children of every key seen, present or only referenced. */
  private readonly children = new Map<string, string[]>();

  get size(): number {
    return this.parents.size;
  }

  has(key: string): boolean {
    return this.parents.has(key);
  }

  /** Adds or replaces a node; a replaced node keeps its position and gets the new parents. */
  addNode(key: string, parentKeys: readonly string[]): void {
    for (const oldParent of this.parents.get(key) ?? []) {
      const siblings = this.children.get(oldParent);
      if (siblings) this.children.set(oldParent, siblings.filter((child) => child !== key));
    }
    const parents: string[] = [];
    this.parents.set(key, parents);
    if (!this.children.has(key)) this.children.set(key, []);
    for (const parent of parentKeys) {
      if (!parents.includes(parent)) parents.push(parent);
      const siblings = this.children.get(parent);
      if (!siblings) this.children.set(parent, [key]);
      else if (!siblings.includes(key)) siblings.push(key);
    }
  }

  /** Every node key in insertion order. */
  keys(): string[] {
    return [...this.parents.keys()];
  }

  /** The node's distinct declared parents (present or not). */
  parentsOf(key: string): readonly string[] {
    return this.parents.get(key) ?? [];
  }

  /** Nodes declaring no parents. A node whose declared parents are all missing is an orphan, not a root. */
  rootKeys(): string[] {
    return this.keys().filter((key) => this.parentsOf(key).length === 0);
  }

  /** Nodes no other node names as a parent. */
  leafKeys(): string[] {
    return this.keys().filter((key) => (this.children.get(key) ?? []).length === 0);
  }

  /** Nodes naming at least one parent that is not in the graph. */
  orphanKeys(): string[] {
    return this.keys().filter((key) => this.parentsOf(key).some((parent) => !this.has(parent)));
  }

  /** Present nodes upstream of `key`, breadth first, `key` itself excluded. */
  ancestorKeys(key: string): string[] {
    return this.walk(key, (node) => this.parentsOf(node));
  }

  /** Present nodes downstream of `key`, breadth first, `key` itself excluded. */
  descendantKeys(key: string): string[] {
    return this.walk(key, (node) => this.children.get(node) ?? []);
  }

  /** Breadth-first walk; it does not pass through keys missing from the graph. */
  private walk(start: string, next: (key: string) => readonly string[]): string[] {
    const visited = new Set<string>();
    const queue = [...next(start)];
    const found: string[] = [];
    for (let head = 0; head < queue.length; head++) {
      const key = queue[head];
      if (visited.has(key)) continue;
      visited.add(key);
      if (!this.has(key)) continue;
      found.push(key);
      queue.push(...next(key));
    }
    return found;
  }

  /** Whether the edges between present nodes form a cycle (Kahn's algorithm). */
  hasCycle(): boolean {
    const inDegree = new Map<string, number>();
    for (const [key, parents] of this.parents) inDegree.set(key, parents.filter((parent) => this.has(parent)).length);
    const queue = [...inDegree].filter(([, degree]) => degree === 0).map(([key]) => key);
    let visited = 0;
    for (let head = 0; head < queue.length; head++) {
      visited++;
      for (const child of this.children.get(queue[head]) ?? []) {
        const degree = inDegree.get(child);
        if (degree === undefined) continue;
        inDegree.set(child, degree - 1);
        if (degree === 1) queue.push(child);
      }
    }
    return visited < this.size;
  }

  /**
   * Adds an edge child → parent without any check. Content-hash keys make
   * cycles impossible to build through `addNode`; this exists so tests (and
   * tools repairing a graph) can shape one directly.
   */
  linkUnchecked(child: string, parent: string): void {
    this.parents.get(child)?.push(parent);
    const siblings = this.children.get(parent);
    if (siblings) siblings.push(child);
    else this.children.set(parent, [child]);
  }
}

/** Lineage of audit artifacts: the graph plus the artifact behind every key. */
export class AuditLineage {
  readonly graph = new LineageGraph();
  private readonly artifacts = new Map<string, PyDict>();

  /**
   * Loads every non-blank line of a JSONL trail (`-` for stdin), as the
   * reference's `from_jsonl`. A line that is not a JSON object, or whose
   * provenance is malformed, throws `LineageError` naming the line.
   */
  static async fromJsonl(source: JsonlSource, options?: JsonlOptions): Promise<AuditLineage> {
    const lineage = new AuditLineage();
    for await (const record of readJsonLines(source, options)) {
      if (record.kind === 'invalid') throw new LineageError(record.message);
      if (!isDict(record.value)) throw new LineageError(`line ${record.line} is not a JSON object`);
      try {
        lineage.addArtifact(record.value);
      } catch (error) {
        if (error instanceof LineageError) throw new LineageError(`line ${record.line}: ${error.message}`);
        throw error;
      }
    }
    return lineage;
  }

  /**
   * Adds an artifact and returns its key. Malformed provenance throws
   * `LineageError` before anything changes; an artifact with the same key
   * replaces the earlier one in place.
   */
  addArtifact(artifact: PyDict): string {
    const key = lineageKey(artifact);
    const parents = declaredParents(artifact);
    this.artifacts.set(key, artifact);
    this.graph.addNode(key, parents);
    return key;
  }

  /** The key `addArtifact` gives this artifact. */
  checksumOf(artifact: PyDict): string {
    return lineageKey(artifact);
  }

  get(key: string): PyDict | undefined {
    return this.artifacts.get(key);
  }

  get size(): number {
    return this.artifacts.size;
  }

  roots(): PyDict[] {
    return this.lookup(this.graph.rootKeys());
  }

  leaves(): PyDict[] {
    return this.lookup(this.graph.leafKeys());
  }

  orphans(): PyDict[] {
    return this.lookup(this.graph.orphanKeys());
  }

  ancestors(key: string): PyDict[] {
    return this.lookup(this.graph.ancestorKeys(key));
  }

  descendants(key: string): PyDict[] {
    return this.lookup(this.graph.descendantKeys(key));
  }

  hasCycle(): boolean {
    return this.graph.hasCycle();
  }

  private lookup(keys: string[]): PyDict[] {
    return keys.map((key) => this.artifacts.get(key) as PyDict);
  }
}
