// Writes dist/help.json: oclif's help for the root, every topic and every
// command, rendered once at build time as oclif renders it on a pipe (80
// columns, no colour), so `aigc COMMAND --help` into a pipe or a file prints
// it without loading oclif (src/cli/start/prerendered-help.ts says when the
// text is used and when oclif renders instead). Run after the manifest, from
// the project root.
//
//   node scripts/help-text.js           writes dist/help.json
//   node scripts/help-text.js --render  prints the texts (the child the first form starts)
import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {format} from 'node:util';

/** What dist/help.json holds; the root text carries USER_AGENT where oclif prints the version line's user agent. */
const USER_AGENT = '\u0000USER_AGENT\u0000';

if (process.argv[2] === '--render') await render();
else write();

function write() {
  // A child on pipes, with none of the settings that make oclif colour or widen its help: what a pipe gets.
  const env = {...process.env};
  for (const name of ['FORCE_COLOR', 'OCLIF_COLUMNS', 'DEBUG']) delete env[name];
  const child = spawnSync(process.execPath, ['scripts/help-text.js', '--render'], {env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8'});
  if (child.status !== 0) throw new Error(`rendering the help failed (exit ${child.status ?? child.signal}): ${child.stderr}`);
  writeFileSync('dist/help.json', child.stdout);
  console.log(`dist/help.json: ${Object.keys(JSON.parse(child.stdout).texts).length} help texts`);
}

async function render() {
  const {Config, Help} = await import('@oclif/core');
  const config = await Config.load({root: process.cwd()});
  let text = '';
  class CapturedHelp extends Help {
    log(...args) {
      text += `${format(...args)}\n`;
    }
  }
  const help = new CapturedHelp(config, config.pjson.oclif.helpOptions);
  const texts = {};
  const capture = async (key, show) => {
    text = '';
    await show();
    texts[key] = text;
  };
  // Read before any rendering (which respells ids with the topic separator), in the colon form the lookup uses.
  const ids = config.commands.map((command) => command.id);
  const topics = config.topics.map((topic) => topic.name).filter((name) => !ids.includes(name) && ids.some((id) => id.startsWith(`${name}:`)));
  await capture('', () => help.showRootHelp());
  for (const name of topics) await capture(name, () => help.showTopicHelp(config.findTopic(name)));
  for (const id of ids) await capture(id, () => help.showCommandHelp(config.findCommand(id)));
  if (!texts[''].includes(config.userAgent)) throw new Error(`the root help does not show the user agent ${config.userAgent}`);
  texts[''] = texts[''].replaceAll(config.userAgent, USER_AGENT);
  process.stdout.write(`${JSON.stringify({userAgent: USER_AGENT, texts})}\n`);
}
