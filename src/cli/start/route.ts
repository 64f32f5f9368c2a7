// Which command a command line names, and what oclif must render instead:
// help (no words, or `--help` before any `--`) and a topic's help (`aigc
// policy`). `--version` or `-v` first is `aigc version`. A command's words end
// where they name a command: what follows is its arguments (`aigc enforce
// extra` is enforce with an unexpected argument, not an unknown command).

/** The commands' words, as much as routing needs of them. */
export interface Routable {
  spec: {id: string; args: object; variadic?: boolean};
}

export type Route<C extends Routable> =
  | {kind: 'command'; command: C; argv: string[]}
  | {kind: 'oclif'}
  | {kind: 'unknown'; words: string};

/** The version flags, read only as the first word (`aigc -v`); anywhere else they are a command's flags. */
const VERSION_FLAGS = ['--version', '-v'];

export function routeCommandLine<C extends Routable>(given: readonly string[], commands: readonly C[]): Route<C> {
  const argv = VERSION_FLAGS.includes(given[0]) ? ['version', ...given.slice(1)] : given;
  // `aigc help … --help` is help on what the words name (`aigc help --help`: on help itself).
  const help = commands.find(({spec}) => spec.id === 'help');
  if (argv[0] === 'help' && help !== undefined && argv.includes('--help')) {
    const words = argv.slice(1).filter((word) => word !== '--help');
    return {kind: 'command', command: help, argv: words.length === 0 ? ['help'] : words};
  }
  const end = argv.indexOf('--');
  if (argv.length === 0 || (end === -1 ? argv : argv.slice(0, end)).includes('--help')) return {kind: 'oclif'};
  const byId = new Map(commands.map((command) => [command.spec.id, command]));
  // Every command id and every prefix of one: the topics (`policy`) and the commands themselves.
  const topics = new Set(commands.flatMap(({spec}) => spec.id.split(':').map((_, index, words) => words.slice(0, index + 1).join(':'))));
  const [id, rest] = commandId(argv, topics, byId);
  const command = byId.get(id);
  if (command !== undefined) return {kind: 'command', command, argv: rest};
  if (topics.has(id)) return {kind: 'oclif'};
  // Named as far as the words are topics, and one word more.
  const words = id.split(':');
  let length = 1;
  while (length < words.length && topics.has(words.slice(0, length).join(':'))) length++;
  return {kind: 'unknown', words: words.slice(0, length).join(' ')};
}

/**
 * The command id and the words after it. `policy:lint` is an id as it is;
 * otherwise words are taken while they extend an id or topic, and past that
 * (an unknown command's words) until a flag, a `name=value` or a command.
 */
function commandId<C extends Routable>(argv: readonly string[], topics: ReadonlySet<string>, byId: ReadonlyMap<string, C>): [string, string[]] {
  if (argv[0].includes(':') || argv.length === 1) return [argv[0], argv.slice(1)];
  // Empty words join to nothing, as oclif joins them: `policy '' lint` is `policy:lint`.
  const idOf = (words: readonly string[]) => words.filter((word) => word !== '').join(':');
  const words: string[] = [];
  for (const word of argv) {
    if (topics.has(idOf([...words, word])) && !byId.has(idOf(words))) words.push(word);
    else if (word.includes('=') || word.startsWith('-') || byId.has(idOf(words))) break;
    else words.push(word);
  }
  const id = idOf(words);
  if (id === '') return [argv[0], argv.slice(1)];
  return [id, argv.slice(id.split(':').length)];
}
