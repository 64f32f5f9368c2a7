// `aigc init [DIR]`: writes the starter project, refusing to overwrite a file
// unless --force, then says what was written and what to run next.
import {displayText} from './display-text.js';
import {mkdir, writeFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import {pathExists} from '../io/path-exists.js';
import type {CommandIo} from './command-io.js';
import {ExitCode, ioError, usageError} from './exit-codes.js';
import {type StarterFile, starterProject} from './init/starter-project.js';
import {STARTER_COVERAGE_THRESHOLD} from './specs/init.js';
import {writeToStream} from './output.js';
import {shownPath} from './reporters/paths.js';
import {systemErrorText} from './system-errors.js';
import {toolVersion} from './version.js';

export interface InitFlags {
  force?: boolean;
}

export async function runInit(dir: string | undefined, flags: InitFlags, io: CommandIo): Promise<number> {
  const root = resolve(io.cwd, dir ?? '.');
  const shown = (file: StarterFile) => displayText(shownPath(join(root, file.path), io.cwd));
  const files = starterProject(toolVersion());
  if (!flags.force) {
    const existing = [];
    for (const file of files) if (await exists(join(root, file.path))) existing.push(shown(file));
    if (existing.length > 0) throw usageError(`would overwrite ${existing.join(', ')} (use --force to overwrite them)`);
  }
  for (const file of files) await writeStarterFile(join(root, file.path), file.contents, shown(file));
  const here = root === io.cwd ? '.' : displayText(shownPath(root, io.cwd));
  await writeToStream(io.stdout, summary(files.map(shown), here));
  return ExitCode.Success;
}

/** Whether anything stands at `path`, a link included. */
async function exists(path: string): Promise<boolean> {
  try {
    return await pathExists(path, false);
  } catch (error) {
    throw ioError(`cannot check the file: ${wording(error)}`, displayText(path), error);
  }
}

async function writeStarterFile(path: string, contents: string, shown: string): Promise<void> {
  try {
    await mkdir(dirname(path), {recursive: true});
    await writeFile(path, contents, 'utf8');
  } catch (error) {
    throw ioError(`cannot write the file: ${wording(error)}`, shown, error);
  }
}

function wording(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return systemErrorText(code, 'write') ?? (code === undefined ? 'unknown error' : `system error (${code})`);
}

function summary(written: string[], here: string): string {
  const enter = here === '.' ? '' : `  cd ${here}\n`;
  return `${written.map((file) => `wrote ${file}`).join('\n')}

Next:
${enter}  aigc policy lint policies
  aigc policy test tests --threshold ${STARTER_COVERAGE_THRESHOLD}
  aigc replay fixtures/golden
Then edit policies/assistant.yaml, add a case to tests/assistant.test.yaml for each change, and commit: .github/workflows/aigc.yml runs the same checks in CI.
`;
}
