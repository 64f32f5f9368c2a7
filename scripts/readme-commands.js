// Writes the README's command reference from oclif.manifest.json (usage,
// description, arguments, flags, examples) between the markers
// `<!-- commands -->` and `<!-- commandsstop -->`, so it always matches --help.
//
//   node scripts/readme-commands.js          rewrite README.md
//   node scripts/readme-commands.js --check  exit 1 when README.md is out of date
import {existsSync, readFileSync, writeFileSync} from 'node:fs';

const README = 'README.md';
const MANIFEST = 'oclif.manifest.json';
const START = '<!-- commands -->';
const STOP = '<!-- commandsstop -->';
const BIN = 'aigc';

main(process.argv.slice(2));

function main(argv) {
  const check = argv.includes('--check');
  if (!existsSync(MANIFEST)) fail(`${MANIFEST} not found; run \`npm run build\` first`);
  const reference = commandReference(JSON.parse(readFileSync(MANIFEST, 'utf8')));
  const current = existsSync(README) ? readFileSync(README, 'utf8') : `# ${BIN}\n\n${START}\n${STOP}\n`;
  const updated = withReference(current, reference);
  if (check) {
    if (updated !== current) fail(`${README}: the command reference is out of date; run \`npm run readme\``);
    console.log(`${README}: the command reference is up to date`);
    return;
  }
  if (updated !== current) writeFileSync(README, updated);
  console.log(`${README}: command reference for ${Object.keys(JSON.parse(readFileSync(MANIFEST, 'utf8')).commands).length} commands`);
}

function fail(message) {
  console.error(`readme-commands: ${message}`);
  process.exit(1);
}

/** `readme` with the text between the markers replaced by `reference`. */
function withReference(readme, reference) {
  const start = readme.indexOf(START);
  const stop = readme.indexOf(STOP);
  if (start === -1 || stop === -1 || stop < start) fail(`${README} needs the markers ${START} and ${STOP}, in that order`);
  return `${readme.slice(0, start + START.length)}\n${reference}${readme.slice(stop)}`;
}

/** The markdown for every visible command, sorted by command line, with an index first. */
function commandReference(manifest) {
  const commands = Object.values(manifest.commands)
    .filter((command) => !command.hidden)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = commands.map((command) => `- [\`${commandLine(command)}\`](#${anchor(command)})`).join('\n');
  return `${[index, ...commands.map(commandSection)].join('\n\n')}\n`;
}

function commandLine(command) {
  return `${BIN} ${command.id.split(':').join(' ')}`;
}

/** GitHub's heading anchor for `## aigc policy lint`. */
function anchor(command) {
  return commandLine(command).toLowerCase().replace(/ /g, '-');
}

function commandSection(command) {
  const parts = [`### ${commandLine(command)}`];
  if (command.summary) parts.push(prose(command.summary));
  parts.push(fenced('sh-session', `$ ${usage(command)}`));
  if (command.description && command.description !== command.summary) parts.push(prose(command.description));
  const args = Object.values(command.args ?? {}).filter((arg) => !arg.hidden);
  if (args.length > 0) {
    parts.push(table(['argument', 'description'], args.map((arg) => [`\`${argName(arg, command)}\``, argDescription(arg)])));
  }
  const flags = Object.values(command.flags ?? {}).filter((flag) => !flag.hidden);
  if (flags.length > 0) parts.push(table(['flag', 'description'], flags.map((flag) => [`\`${flagName(flag)}\``, flagDescription(flag)])));
  const examples = (command.examples ?? []).map((example) => exampleBlock(example, command));
  if (examples.length > 0) parts.push(`Examples:\n\n${examples.join('\n\n')}`);
  return parts.join('\n\n');
}

function usage(command) {
  const args = Object.values(command.args ?? {})
    .filter((arg) => !arg.hidden)
    .map((arg) => (arg.required ? argName(arg, command) : `[${argName(arg, command)}]`));
  const flags = Object.values(command.flags ?? {}).some((flag) => !flag.hidden) ? ['[FLAGS]'] : [];
  return [commandLine(command), ...args, ...flags].join(' ');
}

function argName(arg, command) {
  // A command that takes any number of arguments repeats its last one.
  const names = Object.keys(command.args ?? {});
  const variadic = command.strict === false && names[names.length - 1] === arg.name;
  return `${arg.name.toUpperCase()}${variadic ? '...' : ''}`;
}

function argDescription(arg) {
  const choices = arg.options ? ` One of: ${arg.options.map((option) => `\`${option}\``).join(', ')}.` : '';
  const fallback = arg.default === undefined ? '' : ` Default: \`${arg.default}\`.`;
  return `${prose(arg.description ?? '')}${choices}${fallback}`;
}

function flagName(flag) {
  const short = flag.char ? `-${flag.char}, ` : '';
  if (flag.type === 'boolean') return `${short}--${flag.allowNo ? '[no-]' : ''}${flag.name}`;
  const value = flag.helpValue ?? (flag.options ? flag.options.join('|') : flag.name.toUpperCase());
  // As oclif's help prints it: the label (when the flag sets one), "=", the value.
  const label = flag.helpLabel ?? `${short}--${flag.name}`;
  return `${label}=${value}${flag.multiple ? '...' : ''}`;
}

function flagDescription(flag) {
  const hasDefault = flag.default !== undefined && flag.default !== false && !(Array.isArray(flag.default) && flag.default.length === 0);
  const fallback = hasDefault ? ` Default: \`${flag.default}\`.` : '';
  return `${prose(flag.description ?? flag.summary ?? '')}${fallback}`;
}

function exampleBlock(example, command) {
  const render = (text) => text.replaceAll('<%= config.bin %>', BIN).replaceAll('<%= command.id %>', command.id.split(':').join(' '));
  if (typeof example === 'string') return fenced('sh', render(example));
  return fenced('sh', `# ${render(example.description)}\n${render(example.command)}`);
}

function table(header, rows) {
  const cell = (text) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

function fenced(language, text) {
  return `\`\`\`${language}\n${text}\n\`\`\``;
}

/**
 * Help text as markdown: paragraphs stay paragraphs, lines indented in the
 * help (snippets) become code blocks, and characters markdown would read as
 * emphasis or HTML are escaped outside `code spans`.
 */
function prose(text) {
  const blocks = [];
  let snippet = [];
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push(escapeMarkdown(paragraph.join('\n')));
    paragraph = [];
  };
  const flushSnippet = () => {
    if (snippet.length > 0) blocks.push(fenced('', dedent(snippet).join('\n')));
    snippet = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s{2,}\S/.test(line)) {
      flushParagraph();
      snippet.push(line);
    } else if (line.trim() === '') {
      flushParagraph();
      flushSnippet();
    } else {
      flushSnippet();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushSnippet();
  return blocks.join('\n\n');
}

function dedent(lines) {
  const indent = Math.min(...lines.map((line) => line.match(/^\s*/)[0].length));
  return lines.map((line) => line.slice(indent));
}

function escapeMarkdown(text) {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/([\\*_[\]<>#])/g, '\\$1')))
    .join('');
}
