// A recorded stream over three policies, for the what-if replay tests: each
// kind of invocation, how many of it, and what replacing support.yaml with
// support-v2.yaml (interns go, customer_verified is no longer required, a
// ticket may have five digits) does to its decision. `writeRun` writes what
// one `aigc enforce --chain trail.jsonl --record recorded.jsonl` run writes,
// and the plain artifact stream it prints.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {TrailWriter} from '../../src/audit/trail-writer.js';
import {pyJsonDumps} from '../../src/canonical/dumps.js';
import {decide} from '../../src/pipeline/enforce.js';
import type {PyDict} from '../../src/python/values.js';
import {fixedClock} from '../../src/testing/clock.js';
import {REPO_ROOT} from './helpers.js';

export const WHAT_IF = 'test/data/replay/what-if';
export const SUPPORT = `${WHAT_IF}/support.yaml`;
export const SUPPORT_V2 = `${WHAT_IF}/support-v2.yaml`;
export const NOTES = `${WHAT_IF}/notes.yaml`;
export const TOOLS = `${WHAT_IF}/tools.yaml`;
export const RECORDED_AT = 1780000000;

type Change = 'pass_to_fail' | 'fail_to_pass' | 'gate_changed' | 'reason_changed' | null;

export interface Kind {
  kind: string;
  count: number;
  policy: string;
  role: string;
  context: PyDict;
  toolCalls?: PyDict[];
  /** What support-v2.yaml does to it (null: nothing). */
  underV2: Change;
}

const verified = (ticket: string) => ({customer_verified: true, ticket_id: ticket});

export const KINDS: readonly Kind[] = [
  {kind: 'agent answers', count: 14, policy: SUPPORT, role: 'agent', context: verified('TCK-000001'), underV2: null},
  {kind: 'supervisor answers', count: 6, policy: SUPPORT, role: 'supervisor', context: verified('TCK-000002'), underV2: null},
  {kind: 'intern answers', count: 7, policy: SUPPORT, role: 'intern', context: verified('TCK-000003'), underV2: 'pass_to_fail'},
  {kind: 'agent, customer not verified', count: 4, policy: SUPPORT, role: 'agent', context: {ticket_id: 'TCK-000004'}, underV2: 'fail_to_pass'},
  {kind: 'intern, customer not verified', count: 3, policy: SUPPORT, role: 'intern', context: {ticket_id: 'TCK-000005'}, underV2: 'gate_changed'},
  {kind: 'agent, ticket TCK-42', count: 2, policy: SUPPORT, role: 'agent', context: verified('TCK-42'), underV2: 'reason_changed'},
  {kind: 'agent, five-digit ticket', count: 1, policy: SUPPORT, role: 'agent', context: verified('TCK-12345'), underV2: 'fail_to_pass'},
  {kind: 'writer with a draft', count: 6, policy: NOTES, role: 'writer', context: {draft_id: 'd-1'}, underV2: null},
  {kind: 'reviewer without a draft', count: 4, policy: NOTES, role: 'reviewer', context: {}, underV2: null},
  {kind: 'bot, one lookup', count: 4, policy: TOOLS, role: 'bot', context: {}, toolCalls: [{name: 'lookup'}], underV2: null},
  {kind: 'bot, two lookups', count: 2, policy: TOOLS, role: 'bot', context: {}, toolCalls: [{name: 'lookup'}, {name: 'lookup'}], underV2: null},
];

/** How many records of the kinds that `where` picks. */
export function countOf(where: (kind: Kind) => boolean): number {
  return KINDS.filter(where).reduce((sum, kind) => sum + kind.count, 0);
}

/** The invocations, the kinds interleaved (as a real stream mixes policies), each with its kind. */
export function invocations(): {kind: Kind; invocation: PyDict}[] {
  const stream: {kind: Kind; invocation: PyDict}[] = [];
  const most = Math.max(...KINDS.map((kind) => kind.count));
  for (let round = 0; round < most; round++) {
    for (const kind of KINDS) {
      if (round >= kind.count) continue;
      const invocation: PyDict = {
        policy_file: kind.policy,
        model_provider: 'openai',
        model_identifier: 'gpt-4o',
        role: kind.role,
        input: {question: `${kind.kind} #${round}`},
        context: kind.context,
        output: {answer: 'Done.'},
      };
      if (kind.toolCalls) invocation.tool_calls = kind.toolCalls;
      stream.push({kind, invocation});
    }
  }
  return stream;
}

export interface RunFiles {
  /** `enforce --record`: {"invocation", "artifact"} lines. */
  records: string;
  /** `enforce --chain`: chained artifacts. */
  trail: string;
  /** What `enforce` prints without --chain: one artifact a line. */
  artifacts: string;
}

/** Enforces the invocations (policy paths resolved against `cwd`, by default the repository root) and writes what one enforce run writes into `folder`. */
export function writeRun(folder: string, stream: readonly PyDict[] = invocations().map((item) => item.invocation), cwd = REPO_ROOT): RunFiles {
  const files: RunFiles = {records: join(folder, 'recorded.jsonl'), trail: join(folder, 'trail.jsonl'), artifacts: join(folder, 'artifacts.jsonl')};
  const decided = stream.map((invocation) => decide(invocation, {now: fixedClock(RECORDED_AT), cwd, trace: false}).artifact);
  const artifacts = decided.map((artifact) => pyJsonDumps(artifact, {separators: [',', ':']}));
  // As enforce does: the record holds the artifact as chained.
  const chained = new TrailWriter(files.trail, {chainId: 'what-if', durability: 'none'}).commitSync(decided);
  const records = chained.map((artifact, index) => pyJsonDumps({invocation: stream[index], artifact}, {separators: [',', ':']}));
  writeFileSync(files.records, `${records.join('\n')}\n`);
  writeFileSync(files.artifacts, `${artifacts.join('\n')}\n`);
  return files;
}
