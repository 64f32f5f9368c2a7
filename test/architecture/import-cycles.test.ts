// No import cycles in src/ (../shared/STYLE.md: types shared by a folder's
// modules live in its types.ts, at the bottom), type-only imports included:
// they still tie two modules together, so neither can be read, moved or
// tested alone. The check itself is shown to find each kind of import.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {type ImportCycle, importCycles, projectOptions} from './import-graph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OPTIONS = projectOptions(join(ROOT, 'tsconfig.json'));
const shown = (cycles: ImportCycle[]) =>
  cycles.map(({path, alsoTied}) => path.join(' -> ') + (alsoTied.length > 0 ? ` (also tied up: ${alsoTied.join(', ')})` : ''));

describe('import cycles', () => {
  it('src/ has none, type-only imports included', () => {
    expect(shown(importCycles(join(ROOT, 'src'), OPTIONS))).toEqual([]);
  });
});

describe('the import-cycle check', () => {
  const folder = mkdtempSync(join(tmpdir(), 'aigc-cycles-'));
  afterAll(() => rmSync(folder, {recursive: true, force: true}));
  let count = 0;
  /** A folder of modules: name -> source. */
  const modules = (sources: Record<string, string>) => {
    const dir = join(folder, String(count++));
    for (const [name, source] of Object.entries(sources)) {
      const path = join(dir, name);
      mkdirSync(dirname(path), {recursive: true});
      writeFileSync(path, source);
    }
    return dir;
  };

  it('finds a cycle made only of type imports, and names its path and the other modules tied up in it', () => {
    const dir = modules({
      'a.ts': "import type {B} from './b.js';\nexport type A = B[];\n",
      'b.ts': "import {type C} from './c.js';\nexport type B = C;\n",
      'c.ts': "import type {A} from './a.js';\nimport type {D} from './d.js';\nexport type C = string | A | D;\n",
      'd.ts': "import type {C} from './c.js';\nexport type D = C[];\n",
    });
    expect(shown(importCycles(dir, OPTIONS))).toEqual(['a.ts -> b.ts -> c.ts -> a.ts (also tied up: d.ts)']);
  });

  it('counts re-exports, side-effect imports and import() with a literal path, in subfolders too', () => {
    const dir = modules({
      'x.ts': "export * from './sub/y.js';\n",
      'sub/y.ts': "import '../x.js';\nexport const y = 1;\n",
      'p.ts': "export const load = () => import('./q.js');\n",
      'q.ts': "export type {Load} from './r.js';\n",
      'r.ts': "import type {load} from './p.js';\nexport type Load = typeof load;\n",
    });
    expect(shown(importCycles(dir, OPTIONS))).toEqual(['p.ts -> q.ts -> r.ts -> p.ts', 'sub/y.ts -> x.ts -> sub/y.ts']);
  });

  it('finds a module importing itself, and nothing in a diamond or in comments and strings', () => {
    const dir = modules({
      'self.ts': "import type {Self} from './self.js';\nexport type Self = {next: Self};\n",
      'top.ts': "import {l} from './left.js';\nimport {r} from './right.js';\nexport const top = l + r;\n",
      'left.ts': "import {base} from './base.js';\nexport const l = base;\n",
      'right.ts': "import {base} from './base.js';\nexport const r = base;\n// import {top} from './top.js';\n",
      'base.ts': "export const base = 1;\nexport const text = \"import {top} from './top.js'\";\n",
    });
    expect(shown(importCycles(dir, OPTIONS))).toEqual(['self.ts -> self.ts']);
  });
});
