// The unit tests share worker processes (vitest.config.ts), so a test file, or
// a helper it imports, that replaces a module or changes the process's
// environment must run in a process of its own (test/own-process.ts): in a
// shared one it would change what the files after it see, or see what the
// files before it left. The check itself is shown to find each kind of change.
import {readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import fg from 'fast-glob';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';
import config from '../../vitest.config.js';
import {OWN_PROCESS} from '../own-process.js';
import {importGraph, projectOptions} from './import-graph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const VI_CHANGES: Record<string, string> = {
  mock: 'replaces a module',
  doMock: 'replaces a module',
  unmock: 'replaces a module',
  doUnmock: 'replaces a module',
  stubGlobal: 'replaces a global',
  stubEnv: 'sets an environment variable',
};
const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

const isProcessEnv = (node: ts.Node): boolean =>
  ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'process' && node.name.text === 'env';
const isEnvVariable = (node: ts.Node): boolean =>
  (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isProcessEnv(node.expression);

/** What the code of `source` does that outlives its module in a shared process (comments and strings aside). */
function processChanges(source: string): string[] {
  const changes = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const {expression: object, name} = node.expression;
      if (ts.isIdentifier(object) && object.text === 'vi' && name.text in VI_CHANGES) changes.add(VI_CHANGES[name.text]);
      if (ts.isIdentifier(object) && object.text === 'Object' && name.text === 'assign' && node.arguments.length > 0 && isProcessEnv(node.arguments[0])) {
        changes.add('sets an environment variable');
      }
    }
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) {
      if (isEnvVariable(node.left)) changes.add('sets an environment variable');
      if (isProcessEnv(node.left)) changes.add('replaces the environment');
    }
    if (ts.isDeleteExpression(node) && isEnvVariable(node.expression)) changes.add('deletes an environment variable');
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('module.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return [...changes].sort();
}

/** The unit project's files that share processes, as vitest.config.ts selects them. */
function sharedFiles(): string[] {
  const unit = (config.test?.projects ?? []).find(
    (project): project is {test: {name: string; include: string[]; exclude: string[]; isolate: boolean}} =>
      typeof project === 'object' && 'test' in project && project.test?.name === 'unit',
  );
  if (unit === undefined || unit.test.isolate !== false) throw new Error('vitest.config.ts has no unit project sharing its processes');
  return fg.sync(unit.test.include, {cwd: ROOT, ignore: unit.test.exclude}).sort();
}

describe('test files sharing a process', () => {
  const graph = importGraph(join(ROOT, 'test'), projectOptions(join(ROOT, 'tsconfig.json')));
  /** `file` and the test helpers it imports, directly or not. */
  const withHelpers = (file: string): string[] => {
    const seen = new Set<string>([file]);
    for (const module of seen) for (const imported of graph.get(module) ?? []) seen.add(imported);
    return [...seen];
  };

  it('change nothing that outlives them: files that do are listed in test/own-process.ts', () => {
    const shared = sharedFiles();
    expect(shared.length).toBeGreaterThan(100);
    const found = shared.flatMap((file) =>
      withHelpers(join(ROOT, file)).flatMap((module) =>
        processChanges(readFileSync(module, 'utf8')).map((change) => `${file}: ${relative(ROOT, module)} ${change}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('leave out only files that exist and do change the process', () => {
    for (const file of OWN_PROCESS) {
      const changes = withHelpers(join(ROOT, file)).flatMap((module) => processChanges(readFileSync(module, 'utf8')));
      expect([file, changes.length > 0]).toEqual([file, true]);
    }
  });
});

describe('the process-change check', () => {
  it('finds each kind of change', () => {
    expect(processChanges("vi.mock('node:fs', () => ({}));")).toEqual(['replaces a module']);
    expect(processChanges("vi.doMock('../x.js');")).toEqual(['replaces a module']);
    expect(processChanges("vi.stubGlobal('fetch', stub);")).toEqual(['replaces a global']);
    expect(processChanges("process.env.OCLIF_COLUMNS = '10000';")).toEqual(['sets an environment variable']);
    expect(processChanges("process.env['CI'] ??= '1';")).toEqual(['sets an environment variable']);
    expect(processChanges("vi.stubEnv('CI', '');")).toEqual(['sets an environment variable']);
    expect(processChanges('delete process.env.CI;')).toEqual(['deletes an environment variable']);
    expect(processChanges('process.env = {};')).toEqual(['replaces the environment']);
    expect(processChanges("Object.assign(process.env, {CI: '1'});")).toEqual(['sets an environment variable']);
  });

  it('leaves reading the environment, comments and strings alone', () => {
    expect(processChanges("// vi.mock('node:fs')\nconst text = \"process.env.CI = '1'\";")).toEqual([]);
    expect(processChanges("const columns = process.env.COLUMNS === '80' ? 80 : process.env['LINES'];")).toEqual([]);
    expect(processChanges('const env = {...process.env, CI: undefined};')).toEqual([]);
  });
});
