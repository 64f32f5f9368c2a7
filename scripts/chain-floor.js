// The floor `aigc chain append` is measured against (scripts/bench.js): the
// least a chain writer does, each line parsed and linked (sorted-key JSON,
// SHA-256), the lot written once and synced.
//
//   node scripts/chain-floor.js ARTIFACTS TRAIL
import {closeSync, fdatasyncSync, openSync, readFileSync, writeSync} from 'node:fs';
import {sha256, sorted} from './floor-json.js';

const [input, output] = process.argv.slice(2);
let previous = null;
const lines = [];
readFileSync(input, 'utf8')
  .trim()
  .split('\n')
  .forEach((line, index) => {
    const artifact = {...JSON.parse(line), chain_id: 'floor', chain_index: index, previous_audit_checksum: previous};
    artifact.checksum = previous = sha256(JSON.stringify(sorted(artifact)));
    lines.push(JSON.stringify(artifact));
  });
const fd = openSync(output, 'w');
writeSync(fd, lines.join('\n') + '\n');
fdatasyncSync(fd);
closeSync(fd);
