// The floor `aigc enforce` is measured against (scripts/bench.js): what any
// enforcer of an NDJSON stream does at the least, on one thread, with no
// policy at all: read the lines, JSON.parse each invocation, write the
// sorted-key canonical texts of its input and output and hash them with
// SHA-256, build an artifact of the reference's fields, sign its canonical
// text with HMAC-SHA256 when a key is given (--key-env VAR), and write it with
// JSON.stringify to stdout in pieces of 32 KiB.
//
//   node scripts/enforce-floor.js INVOCATIONS [--key-env VAR] > artifacts.jsonl
import {createHmac} from 'node:crypto';
import {closeSync, openSync, readSync, writeSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {sha256, sorted} from './floor-json.js';

const [file, flag, variable] = process.argv.slice(2);
const key = flag === '--key-env' ? process.env[variable] : undefined;
if (!file || (flag !== undefined && !key)) {
  console.error('usage: node scripts/enforce-floor.js INVOCATIONS [--key-env VAR] (VAR set)');
  process.exit(2);
}

let pending = '';
const emit = (invocation) => {
  const artifact = {
    audit_schema_version: '1.4',
    policy_file: invocation.policy_file,
    role: invocation.role,
    enforcement_result: 'PASS',
    failures: [],
    input_checksum: sha256(JSON.stringify(sorted(invocation.input ?? null))),
    output_checksum: sha256(JSON.stringify(sorted(invocation.output ?? null))),
    context: invocation.context ?? {},
    timestamp: 1700000000,
    signature: null,
  };
  if (key) artifact.signature = createHmac('sha256', key).update(JSON.stringify(sorted(artifact))).digest('hex');
  pending += `${JSON.stringify(artifact)}\n`;
  if (pending.length >= 32 * 1024) {
    writeSync(1, pending);
    pending = '';
  }
};

const fd = openSync(file, 'r');
const buffer = Buffer.allocUnsafe(1 << 16);
const decoder = new StringDecoder('utf8');
let carry = '';
for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
  const text = carry + decoder.write(buffer.subarray(0, read));
  let start = 0;
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
    if (newline > start) emit(JSON.parse(text.slice(start, newline)));
    start = newline + 1;
  }
  carry = text.slice(start);
}
carry += decoder.end();
if (carry.trim() !== '') emit(JSON.parse(carry));
closeSync(fd);
writeSync(1, pending);
