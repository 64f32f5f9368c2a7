// One generated file of the checkout: written by `npm run gen:docs`, or, with
// --check (as `npm test` runs it), compared with what is committed so a stale
// copy fails the run with the command that regenerates it.
import {readFileSync, writeFileSync} from 'node:fs';
import {relative} from 'node:path';

/** Writes `text` to `target`, or with --check exits 1 when the file differs from it. */
export function writeOrCheck(target, text, {script, root}) {
  if (!process.argv.includes('--check')) {
    writeFileSync(target, text);
    return;
  }
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${script}: ${relative(root, target)} is out of date; run \`npm run gen:docs\``);
    process.exit(1);
  }
}
