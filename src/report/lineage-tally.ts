// The lineage part of a compliance report: node count, roots, leaves,
// orphans and whether the edges form a cycle, as `LineageGraph` (audit/
// lineage.ts) gives them, in less memory: a key is held as its 32 digest bytes
// (a one-byte string) rather than 64 hex digits, a node without parents costs
// one map entry, and children are worked out once, at the end (about 95 MiB
// for a million nodes). Nodes are bounded (MAX_LINEAGE_NODES), so memory is
// too: the report lists every root and leaf, and its own text is the larger
// part at the bound.

import {ComplianceDataError} from './compliance-errors.js';

/**
 * Distinct artifacts a lineage summary holds at most; a trail with more is
 * refused, with an error, rather than exhausting memory. At the bound a whole
 * `compliance export --lineage` peaks at about 1.5 GiB, most of it the
 * report's text (two lists of a million keys).
 */
export const MAX_LINEAGE_NODES = 1_000_000;

const HEX64 = /^[0-9a-f]{64}$/;
/** Parents no artifact can have as its key (lineage keys are lowercase hex digests): missing, whatever they are. */
const NOT_A_KEY = '';

/** A lineage key as its digest bytes, or NOT_A_KEY. */
function compact(key: string): string {
  return HEX64.test(key) ? Buffer.from(key, 'hex').toString('latin1') : NOT_A_KEY;
}

function hexOf(compactKey: string): string {
  return Buffer.from(compactKey, 'latin1').toString('hex');
}

export interface LineageCounts {
  totalNodes: number;
  roots: string[];
  leaves: string[];
  orphans: string[];
  hasCycle: boolean;
}

export class LineageTally {
  /** Node number of each key, in first-insertion order. */
  private readonly nodes = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Each node's distinct declared parents (compact), or null for none; a repeated key replaces its parents. */
  private readonly parents: (string[] | null)[] = [];

  constructor(private readonly maxNodes = MAX_LINEAGE_NODES) {}

  /** Adds or replaces a node; `source` and `line` name the artifact that would pass the bound. */
  add(key: string, parentKeys: readonly string[], source: string, line: number): void {
    const own = compact(key);
    let node = this.nodes.get(own);
    if (node === undefined) {
      if (this.keys.length >= this.maxNodes) {
        throw new ComplianceDataError(
          `the lineage of more than ${this.maxNodes.toLocaleString('en')} distinct artifacts is not kept in memory; export without --lineage, or split the trail`,
          {file: source, line},
          'COMPLIANCE_LINEAGE_BOUND',
        );
      }
      node = this.keys.length;
      this.nodes.set(own, node);
      this.keys.push(own);
      this.parents.push(null);
    }
    let distinct: string[] | null = null;
    for (const parent of parentKeys) {
      const parentKey = compact(parent);
      distinct ??= [];
      if (!distinct.includes(parentKey)) distinct.push(parentKey);
    }
    this.parents[node] = distinct;
  }

  get size(): number {
    return this.keys.length;
  }

  counts(): LineageCounts {
    const count = this.keys.length;
    // Each key's hex text is made once, shared by the lists it is in.
    const hex = new Array<string | undefined>(count);
    const hexAt = (node: number) => (hex[node] ??= hexOf(this.keys[node]));
    const hasChild = new Uint8Array(count);
    const inDegree = new Uint32Array(count);
    const roots: string[] = [];
    const orphans: string[] = [];
    let edges = 0;
    for (let node = 0; node < count; node++) {
      const parents = this.parents[node];
      if (parents === null) {
        roots.push(hexAt(node));
        continue;
      }
      let orphan = false;
      // Present parents count once each (the list is distinct).
      for (const parent of parents) {
        const parentNode = parent === NOT_A_KEY ? undefined : this.nodes.get(parent);
        if (parentNode === undefined) {
          orphan = true;
          continue;
        }
        hasChild[parentNode] = 1;
        inDegree[node]++;
        edges++;
      }
      if (orphan) orphans.push(hexAt(node));
    }
    const leaves: string[] = [];
    for (let node = 0; node < count; node++) if (hasChild[node] === 0) leaves.push(hexAt(node));
    return {totalNodes: count, roots, leaves, orphans, hasCycle: edges > 0 && this.hasCycle(inDegree, edges)};
  }

  /** Kahn's algorithm over the edges between present nodes; `inDegree` is consumed. */
  private hasCycle(inDegree: Uint32Array, edges: number): boolean {
    const count = this.keys.length;
    // Children of each node, in compressed rows: childrenOf[start[n], start[n + 1]).
    const start = new Uint32Array(count + 1);
    const each = (visit: (parent: number, child: number) => void) => {
      for (let node = 0; node < count; node++) {
        for (const parent of this.parents[node] ?? []) {
          const parentNode = parent === NOT_A_KEY ? undefined : this.nodes.get(parent);
          if (parentNode !== undefined) visit(parentNode, node);
        }
      }
    };
    each((parent) => start[parent + 1]++);
    for (let node = 0; node < count; node++) start[node + 1] += start[node];
    const filled = start.slice(0, count);
    const children = new Uint32Array(edges);
    each((parent, child) => (children[filled[parent]++] = child));
    const queue = new Uint32Array(count);
    let tail = 0;
    for (let node = 0; node < count; node++) if (inDegree[node] === 0) queue[tail++] = node;
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      for (let at = start[node]; at < start[node + 1]; at++) {
        const child = children[at];
        if (--inDegree[child] === 0) queue[tail++] = child;
      }
    }
    return tail < count;
  }
}
