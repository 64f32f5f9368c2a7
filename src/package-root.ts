// The package's root folder (package.json, schemas/, the oclif manifest),
// found from this module wherever it runs: src/ under tsx, dist/src/ when
// built, or inside the CLI bundle, whose modules keep their dist/src/ URLs.
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let root: string | undefined;

/** The nearest folder above this module that holds a package.json. */
export function packageRoot(): string {
  if (root === undefined) {
    let folder = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
    root = folder;
  }
  return root;
}
