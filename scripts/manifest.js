// Writes oclif.manifest.json from the compiled commands, so the CLI starts
// without importing every command module (what `oclif manifest` does).
import {writeFileSync} from 'node:fs';
import {Config} from '@oclif/core';

const config = await Config.load({root: process.cwd()});
const manifest = config.rootPlugin.manifest;
writeFileSync('oclif.manifest.json', JSON.stringify(manifest, null, 2) + '\n');
console.log(`oclif.manifest.json: ${Object.keys(manifest.commands).length} commands`);
