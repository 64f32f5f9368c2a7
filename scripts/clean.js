// Removes build outputs so a build never ships stale commands or a stale manifest.
import {rmSync} from 'node:fs';

for (const path of ['dist', 'oclif.manifest.json']) rmSync(path, {force: true, recursive: true});
