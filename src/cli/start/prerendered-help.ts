// oclif's help as it renders it on a pipe, made at build time
// (scripts/help-text.js writes dist/help.json from the manifest), so `aigc
// --help`, `aigc TOPIC` and `aigc COMMAND --help` into a pipe or a file print
// without loading oclif, which costs more than the rest of such a start. The
// text is the one oclif would print only where nothing oclif reads differs
// from that build: both output streams not terminals and no FORCE_COLOR (so
// supports-color gives oclif no colour; a theme then changes nothing), no
// OCLIF_COLUMNS (the width is 80), no DEBUG (oclif's own lines on stderr), and
// a user agent oclif would spell as this one is spelt (not under WSL, which
// oclif names "wsl"). Anything else, and every other command line that asks
// for help, is rendered by oclif itself.
import {readFileSync} from 'node:fs';
import {arch, platform, release} from 'node:os';
import {join, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {packageRoot} from '../../package-root.js';

interface HelpTexts {
  /** The token the root text holds where oclif prints the user agent. */
  userAgent: string;
  /** By subject: '' for the root, a topic (`policy`), a command id (`policy:lint`). */
  texts: Record<string, string>;
}

export interface HelpSurroundings {
  env: NodeJS.ProcessEnv;
  /** Whether stdout and stderr are terminals. */
  terminal: {stdout: boolean; stderr: boolean};
}

/**
 * The help text for `argv` (a command line that asks oclif for help), or
 * undefined where oclif must render it. `file` defaults to the texts of the
 * build this module is part of; run from the TypeScript sources there is none
 * (a dist/help.json there may be older than the sources).
 */
export function prerenderedHelp(argv: readonly string[], surroundings: HelpSurroundings, file = builtTexts()): string | undefined {
  const {env, terminal} = surroundings;
  if (file === undefined) return undefined;
  if (terminal.stdout || terminal.stderr || 'FORCE_COLOR' in env || (env.OCLIF_COLUMNS ?? '') !== '' || (env.DEBUG ?? '') !== '') return undefined;
  const subject = helpSubject(argv);
  if (subject === undefined) return undefined;
  let help: HelpTexts;
  try {
    help = JSON.parse(readFileSync(file, 'utf8')) as HelpTexts;
  } catch {
    // Not built (a run from the sources) or unreadable: oclif renders.
    return undefined;
  }
  const text = Object.hasOwn(help.texts, subject.id) ? help.texts[subject.id] : undefined;
  // A command's help is asked for with --help; its words alone run it.
  if (text === undefined || (!subject.flag && subject.id !== '' && !isTopic(help, subject.id))) return undefined;
  if (!text.includes(help.userAgent)) return text;
  const agent = userAgent();
  return agent === undefined ? undefined : text.replaceAll(help.userAgent, agent);
}

/**
 * What `argv` asks help for, in the forms whose text is one subject's: none
 * (the root), the words of a topic or a command (or its id, `policy:lint`)
 * and at most a final `--help`. Any other word (a flag, a value) is oclif's to
 * read.
 */
function helpSubject(argv: readonly string[]): {id: string; flag: boolean} | undefined {
  const flag = argv.at(-1) === '--help';
  const words = flag ? argv.slice(0, -1) : argv;
  if (!words.every((word) => /^[a-z][a-z-]*$/.test(word) || (words.length === 1 && /^[a-z][a-z-]*(:[a-z][a-z-]*)+$/.test(word)))) return undefined;
  return {id: words.join(':'), flag};
}

function builtTexts(): string | undefined {
  const built = fileURLToPath(import.meta.url).includes(`${sep}dist${sep}src${sep}`);
  return built ? join(packageRoot(), 'dist', 'help.json') : undefined;
}

function isTopic(help: HelpTexts, id: string): boolean {
  return Object.keys(help.texts).some((key) => key.startsWith(`${id}:`));
}

/** oclif's user agent (`aigc/0.1.0 linux-x64 node-v20.20.2`), or undefined under WSL, where oclif says "wsl". */
function userAgent(): string | undefined {
  if (platform() === 'linux' && mentionsMicrosoft(release())) return undefined;
  if (platform() === 'linux') {
    let version = '';
    try {
      version = readFileSync('/proc/version', 'utf8');
    } catch {
      // No /proc: not WSL, whose kernel has one.
    }
    if (mentionsMicrosoft(version)) return undefined;
  }
  const pjson = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {name: string; version: string};
  return `${pjson.name}/${pjson.version} ${platform()}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}`;
}

function mentionsMicrosoft(text: string): boolean {
  return text.toLowerCase().includes('microsoft');
}
