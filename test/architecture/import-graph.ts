// The import graph of a folder's TypeScript modules, read with the TypeScript
// compiler's own scanner and module resolution (so `import type`, `export …
// from`, side-effect imports and `import()` with a literal path all count, and
// `./x.js` finds `x.ts` as the compiler does), and the cycles in it.

import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(?:ts|tsx|mts|cts)$/;

/** Every TypeScript module under `dir` (declaration files left out). */
function modulesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((name) => SOURCE.test(name) && !/\.d\.[mc]?ts$/.test(name))
    .map((name) => join(dir, name))
    .sort();
}

/** The modules under `dir` that each one imports, resolved with `options`. */
export function importGraph(dir: string, options: ts.CompilerOptions): Map<string, string[]> {
  const modules = modulesUnder(dir);
  const known = new Set(modules);
  const graph = new Map<string, string[]>();
  for (const file of modules) {
    const imported = new Set<string>();
    for (const {fileName} of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const target = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (target !== undefined && known.has(target)) imported.add(target);
    }
    graph.set(file, [...imported].sort());
  }
  return graph;
}

/** The compiler options of the project whose tsconfig.json is `configFile`. */
export function projectOptions(configFile: string): ts.CompilerOptions {
  const {config, error} = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, join(configFile, '..')).options;
}

/** Modules that import each other: one shortest cycle through them, and the others tied up in it. */
export interface ImportCycle {
  /** From the group's first module back to it: `['a.ts', 'b.ts', 'a.ts']`. */
  path: string[];
  /** The group's modules not on `path`. */
  alsoTied: string[];
}

/**
 * One cycle per group of modules that import each other (a strongly connected
 * component, Tarjan's algorithm), names relative to `dir`, in name order.
 */
export function importCycles(dir: string, options: ts.CompilerOptions): ImportCycle[] {
  const graph = importGraph(dir, options);
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || graph.get(group[0])!.includes(group[0]))
    .map((group) => {
      const path = shortestCycle(graph, group);
      const names = (files: string[]) => files.map((file) => relative(dir, file));
      return {path: names(path), alsoTied: names(group.filter((file) => !path.includes(file)))};
    })
    .sort((a, b) => (a.path[0] < b.path[0] ? -1 : 1));
}

function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    order.set(node, order.size);
    low.set(node, order.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)!) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, order.get(next)!));
      }
    }
    if (low.get(node) !== order.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return groups;
}

/** The shortest way from the group's first module back to itself, within the group (breadth first). */
function shortestCycle(graph: Map<string, string[]>, group: string[]): string[] {
  const start = group[0];
  const members = new Set(group);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i])!) {
      if (!members.has(next)) continue;
      if (next === start) {
        const route: string[] = [];
        for (let at = queue[i]; at !== start; at = cameFrom.get(at)!) route.unshift(at);
        return [start, ...route, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  throw new Error(`no cycle through ${start}`);
}
