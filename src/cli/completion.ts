// `aigc autocomplete bash|zsh`: a completion script generated from the command
// specs, so it offers exactly the topics, commands, flags and fixed values this
// build has. One table of cases (in the syntax both shells read) says what
// each command line position offers; each shell's wrapper turns it into
// candidates (bash's compgen, zsh's compadd), and file names otherwise.
import type {CommandIo} from './command-io.js';
import {ExitCode} from './exit-codes.js';
import type {COMPLETION_SHELLS} from './specs/autocomplete.js';
import type {CommandSpec, FlagSpec} from './start/spec.js';

export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** `aigc autocomplete SHELL`. */
export async function runAutocomplete(shell: CompletionShell, specs: readonly CommandSpec[], io: CommandIo): Promise<number> {
  io.stdout.write(completionScript(shell, specs));
  return ExitCode.Success;
}

export function completionScript(shell: CompletionShell, specs: readonly CommandSpec[]): string {
  return shell === 'bash' ? bashScript(specs) : zshScript(specs);
}

/**
 * The fixed values of a flag as the next word: its options, or those its help
 * lists (`batch|each|none`). Not an optional value's, which follows an = only
 * (`-u none` is refused).
 */
function flagValues(flag: FlagSpec): readonly string[] {
  if (flag.optionalValue) return [];
  if (flag.options) return flag.options;
  return flag.helpValue?.includes('|') ? flag.helpValue.split('|') : [];
}

/** Every topic and command id (`policy`, `policy:lint`), and the words that may follow each. */
function positions(specs: readonly CommandSpec[]): Map<string, string[]> {
  const next = new Map<string, string[]>([['', []]]);
  for (const {id} of specs) {
    const words = id.split(':');
    for (let length = 1; length <= words.length; length++) {
      const parent = words.slice(0, length - 1).join(':');
      const here = words.slice(0, length).join(':');
      if (!next.has(here)) next.set(here, []);
      const siblings = next.get(parent)!;
      if (!siblings.includes(words[length - 1])) siblings.push(words[length - 1]);
    }
  }
  return next;
}

const quoted = (words: readonly string[]) => `"${words.join(' ')}"`;

/**
 * The shared body: finds the command id in the words typed so far, then sets
 * `subwords` (the topic's commands), `flags` (the command's), `values` (the
 * fixed values of the flag just typed) and `args` (an argument's fixed values).
 * `$1` is the index of the first word after `aigc`, `$2` of the word being completed.
 */
function cases(specs: readonly CommandSpec[], word: (index: string) => string): string {
  const next = positions(specs);
  const byId = new Map(specs.map((spec) => [spec.id, spec]));
  const ids = [...next.keys()].filter((id) => id !== '');
  const lines = [
    '  local id= i subwords= flags= values= args=',
    `  for ((i = $1; i < $2; i++)); do`,
    `    case "\${id:+$id:}${word('i')}" in`,
    `      ${ids.join('|')}) id="\${id:+$id:}${word('i')}" ;;`,
    '      *) break ;;',
    '    esac',
    '  done',
    `  local prev="${word('$2 - 1')}"`,
    '  case "$id" in',
  ];
  for (const [id, following] of next) {
    const spec = byId.get(id);
    const body: string[] = [];
    if (following.length > 0) body.push(`subwords=${quoted(following)}`);
    if (spec !== undefined) {
      const flags = Object.entries(spec.flags).flatMap(([name, flag]) => [`--${name}`, ...(flag.allowNo ? [`--no-${name}`] : []), ...(flag.char ? [`-${flag.char}`] : [])]);
      if (flags.length > 0) body.push(`flags=${quoted(flags)}`);
      const withValues = Object.entries(spec.flags).filter(([, flag]) => flag.type === 'string' && flagValues(flag).length > 0);
      if (withValues.length > 0) {
        const branches = withValues.map(([name, flag]) => `${[`--${name}`, ...(flag.char ? [`-${flag.char}`] : [])].join('|')}) values=${quoted(flagValues(flag))} ;;`);
        body.push(`case "$prev" in ${branches.join(' ')} esac`);
      }
      const argValues = Object.values(spec.args).flatMap((arg) => arg.options ?? []);
      if (argValues.length > 0) body.push(`args=${quoted(argValues)}`);
    }
    lines.push(`    ${id === '' ? '""' : id}) ${body.join('; ')} ;;`);
  }
  lines.push('  esac');
  return lines.join('\n');
}

function bashScript(specs: readonly CommandSpec[]): string {
  return `# aigc completion for bash (aigc autocomplete bash), generated from this version's commands.
# Load it with:  source <(aigc autocomplete bash)
_aigc() {
  set -- 1 "$COMP_CWORD"
${cases(specs, (index) => `\${COMP_WORDS[${index}]}`)}
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  if [[ -n $values ]]; then COMPREPLY=($(compgen -W "$values" -- "$cur")); return; fi
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); return; fi
  if [[ -n $subwords ]]; then COMPREPLY=($(compgen -W "$subwords" -- "$cur")); return; fi
  if [[ -n $args ]]; then COMPREPLY=($(compgen -W "$args" -- "$cur")); return; fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -o bashdefault -F _aigc aigc
`;
}

function zshScript(specs: readonly CommandSpec[]): string {
  return `#compdef aigc
# aigc completion for zsh (aigc autocomplete zsh), generated from this version's commands.
# Load it with  source <(aigc autocomplete zsh)  after compinit, or save it as _aigc in a folder of $fpath.
_aigc() {
  set -- 2 "$CURRENT"
${cases(specs, (index) => `\${words[${index}]}`)}
  local cur="\${words[CURRENT]}"
  if [[ -n $values ]]; then compadd -- \${=values}; return; fi
  if [[ $cur == -* ]]; then compadd -- \${=flags}; return; fi
  if [[ -n $subwords ]]; then compadd -- \${=subwords}; return; fi
  if [[ -n $args ]]; then compadd -- \${=args}; return; fi
  _files
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _aigc "$@"
else
  compdef _aigc aigc
fi
`;
}
