// The floor `aigc chain verify` is measured against (scripts/bench.js): what
// any verifier of a JSONL trail does at the least, on one thread: read the
// file, split it into lines, JSON.parse each line and hash it with SHA-256,
// and with a key (the name of an environment variable after --key-env) also
// compute its HMAC-SHA256. Prints the number of lines.
//
//   node scripts/verify-floor.js TRAIL [--key-env VAR]
import {createHash, createHmac} from 'node:crypto';
import {closeSync, openSync, readSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';

const [file, flag, variable] = process.argv.slice(2);
const key = flag === '--key-env' ? process.env[variable] : undefined;
if (!file || (flag !== undefined && !key)) {
  console.error('usage: node scripts/verify-floor.js TRAIL [--key-env VAR] (VAR set)');
  process.exit(2);
}

const fd = openSync(file, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
const decoder = new StringDecoder('utf8');
let carry = '';
let lines = 0;
const examine = (line) => {
  if (line === '') return;
  JSON.parse(line);
  createHash('sha256').update(line).digest('hex');
  if (key) createHmac('sha256', key).update(line).digest('hex');
  lines++;
};
for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
  const text = carry + decoder.write(buffer.subarray(0, read));
  let start = 0;
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
    examine(text.slice(start, newline));
    start = newline + 1;
  }
  carry = text.slice(start);
}
examine(carry + decoder.end());
closeSync(fd);
console.log(lines);
