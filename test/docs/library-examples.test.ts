// The examples of docs/library.md are programs: every ```ts block marked
// `<!-- example: NAME -->` is type-checked, then bundled with the library's
// source (esbuild, `aigc` aliased to src/index.ts) and run by node, each in
// its own folder holding a copy of policies/, and must exit 0 with nothing on
// stderr. The examples check what they claim with node:assert.
import {execFile} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GUIDE = join(ROOT, 'docs', 'library.md');
const LIBRARY_ENTRY = join(ROOT, 'src', 'index.ts');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

interface Example {
  name: string;
  code: string;
}

const MARKED = /<!-- example: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g;

function markedExamples(markdown: string): Example[] {
  return [...markdown.matchAll(MARKED)].map(([, name, code]) => ({name, code: `${code}\n`}));
}

const markdown = readFileSync(GUIDE, 'utf8');
const examples = markedExamples(markdown);

// workspace/sources: the examples as written; workspace/bundles: what runs;
// workspace/node_modules: the project's, for the optional package left out of the bundles;
// workspace/schemas: the project's, found (like the package's) one level above the code.
const workspace = mkdtempSync(join(tmpdir(), 'aigc-library-examples-'));
const sources = join(workspace, 'sources');
const bundles = join(workspace, 'bundles');

beforeAll(async () => {
  mkdirSync(sources);
  symlinkSync(join(ROOT, 'node_modules'), join(workspace, 'node_modules'), 'dir');
  symlinkSync(join(ROOT, 'schemas'), join(workspace, 'schemas'), 'dir');
  writeFileSync(join(workspace, 'package.json'), '{"type": "module"}\n');
  for (const example of examples) writeFileSync(join(sources, `${example.name}.ts`), example.code);
  await build({
    entryPoints: examples.map((example) => join(sources, `${example.name}.ts`)),
    outdir: bundles,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Left to node, as an application would have it installed (or not).
    external: ['@opentelemetry/api'],
    alias: {aigc: LIBRARY_ENTRY},
    banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(workspace, {recursive: true, force: true}));

/** A folder as a user's project would be: the repository's policies/ and nothing else. */
function exampleFolder(name: string): string {
  const dir = join(workspace, 'run', name);
  mkdirSync(dir, {recursive: true});
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), {recursive: true});
  return dir;
}

describe('docs/library.md', () => {
  it('marks every TypeScript block as an example, each with its own name', () => {
    const tsBlocks = markdown.match(/^```ts$/gm) ?? [];
    expect(examples.length).toBe(tsBlocks.length);
    expect(new Set(examples.map((example) => example.name)).size).toBe(examples.length);
  });

  it('has examples that type-check against the library', async () => {
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2024'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        paths: {aigc: [LIBRARY_ENTRY]},
      },
      include: ['sources/*.ts'],
    };
    writeFileSync(join(workspace, 'tsconfig.json'), JSON.stringify(tsconfig));
    const result = await run(process.execPath, [TSC, '-p', workspace], {cwd: workspace}).catch((error) => error);
    expect(result.stdout ?? '').toBe('');
  }, 120000);

  it.concurrent.each(examples.map((example) => [example.name, example] as const))(
    'runs the %s example to a clean exit',
    async (_, example) => {
      const dir = exampleFolder(example.name);
      const env = {...process.env, AIGC_LOG: '', NODE_OPTIONS: ''};
      const result = await run(process.execPath, [join(bundles, `${example.name}.js`)], {cwd: dir, env}).catch((error) => error);
      expect(result.stderr ?? '').toBe('');
      expect(result.code ?? 0).toBe(0);
    },
    60000,
  );
});
