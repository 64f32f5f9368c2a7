// Conformance check (a dev tool, not a test): runs the reference's golden
// replay fixtures from ../shared through the built library and compares each
// artifact with the one the reference produced at clock 1700000000.
// Usage: npm run build && node scripts/check-golden.js [SHARED_DIR]
import {cpSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {decide, decidePostCall, decidePreCall, parseJson, pyJsonDumps} from '../dist/src/index.js';

const shared = resolve(process.argv[2] ?? '../shared');
const root = mkdtempSync(join(tmpdir(), 'aigc-golden-'));
cpSync(join(shared, 'reference/golden_replays'), join(root, 'tests/golden_replays'), {recursive: true});
cpSync(join(shared, 'reference/fixtures'), join(root, 'tests/fixtures'), {recursive: true});
cpSync(join(shared, 'reference/policies'), join(root, 'policies'), {recursive: true});
const frozen = JSON.parse(readFileSync(join(shared, 'reference/golden_replays_frozen_artifacts.json'), 'utf8'));
const options = {now: () => 1700000000, cwd: root};
const SPLIT_OUTPUT = {result: 'architecture overview', confidence: 0.9};


let agree = 0;
const names = readdirSync(join(root, 'tests/golden_replays')).filter((name) => name.startsWith('golden_invocation_'));
for (const name of names.sort()) {
  const expected = frozen[name];
  const fixture = parseJson(readFileSync(join(root, 'tests/golden_replays', name), 'utf8'));
  const invocation = expected.wrapped ? fixture.invocation : fixture;
  let decision;
  if (expected.mode === 'split') {
    const pre = decidePreCall(invocation, options);
    decision = 'token' in pre ? decidePostCall(pre.token, SPLIT_OUTPUT, options) : pre;
  } else {
    decision = decide(invocation, options);
  }
  const actual = JSON.parse(pyJsonDumps(decision.artifact));
  const same = JSON.stringify(sortDeep(withoutTs(actual))) === JSON.stringify(sortDeep(withoutTs(expected.artifact)));
  const classOk = !expected.exception || decision.error?.className === expected.exception;
  if (same && classOk) agree++;
  else console.log(`MISMATCH ${name}\n  expected ${JSON.stringify(expected.artifact)}\n  actual   ${JSON.stringify(actual)}`);
}
console.log(`${agree}/${names.length} golden fixtures match the reference's artifacts (timestamps aside)`);
process.exitCode = agree === names.length ? 0 : 1;

function withoutTs(artifact) {
  const copy = JSON.parse(JSON.stringify(artifact));
  delete copy.timestamp;
  if (copy.metadata) {
    delete copy.metadata.pre_call_timestamp;
    delete copy.metadata.post_call_timestamp;
  }
  return copy;
}

function sortDeep(value) {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortDeep(value[key])]));
  return value;
}
