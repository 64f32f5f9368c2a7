// Checking a fleet of trail files from their verification summaries
// (summary.ts), made anywhere, in any order: the segments of each chain,
// across files, are put in index order and linked head to tail; what does not
// link is a gap (indexes missing between files, or before the first), a fork
// (two files continuing the same chain from the same place, or overlapping),
// a broken link (the next file does not continue the previous one's last
// checksum: one of them was rewritten), and a file is rewritten when the
// checkpoint beside it does not match it, or two summaries of it disagree.

import type {FileSummary, SummaryChain, VerifySummary} from './summary.js';

export type FleetProblemCode = 'gap' | 'fork' | 'broken-link' | 'rewritten' | 'file-problems';

export interface FleetProblem {
  code: FleetProblemCode;
  message: string;
  chain_id: string | null;
  files: string[];
}

export interface FleetChain {
  chain_id: string;
  artifacts: number;
  /** The files holding it, in chain order, with the indexes each holds. */
  segments: {file: string; first_index: number | null; last_index: number | null}[];
  last_index: number | null;
  last_checksum: string | null;
}

export interface FleetReport {
  valid: boolean;
  files: number;
  artifacts: number;
  chains: FleetChain[];
  problems: FleetProblem[];
}

interface Segment extends SummaryChain {
  file: string;
}

/** Merges the summaries (each may hold several files) into one verdict on the fleet. */
export function mergeSummaries(summaries: readonly VerifySummary[]): FleetReport {
  const files = summaries.flatMap((summary) => summary.files);
  const problems: FleetProblem[] = [...fileProblems(files)];
  const unique = distinctFiles(files, problems);
  const byChain = new Map<string, Segment[]>();
  for (const file of unique) {
    for (const chain of file.chains) {
      const segments = byChain.get(chain.chain_id) ?? [];
      segments.push({...chain, file: file.file});
      byChain.set(chain.chain_id, segments);
    }
  }
  const chains: FleetChain[] = [];
  for (const [chainId, segments] of [...byChain].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    segments.sort((a, b) => (a.first_index ?? -1) - (b.first_index ?? -1) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    problems.push(...linkProblems(chainId, segments));
    const last = segments[segments.length - 1];
    chains.push({
      chain_id: chainId,
      artifacts: segments.reduce((sum, segment) => sum + segment.artifacts, 0),
      segments: segments.map((segment) => ({file: segment.file, first_index: segment.first_index, last_index: segment.last_index})),
      last_index: last.last_index,
      last_checksum: last.last_checksum,
    });
  }
  return {valid: problems.length === 0, files: unique.length, artifacts: unique.reduce((sum, file) => sum + file.artifacts, 0), chains, problems};
}

function* fileProblems(files: readonly FileSummary[]): Generator<FleetProblem> {
  for (const file of files) {
    if (file.checkpoint !== null && !file.checkpoint.root_matches) {
      yield {code: 'rewritten', message: `${file.file}: its first ${file.checkpoint.tree_size} lines are not those its checkpoint signs`, chain_id: null, files: [file.file]};
    }
    if (file.problem_count > 0) {
      const first = file.problems[0];
      const where = first === undefined ? '' : `; first: line ${first.line}: ${first.code}: ${first.message}`;
      yield {code: 'file-problems', message: `${file.file}: ${file.problem_count} problem${file.problem_count === 1 ? '' : 's'} within the file${where}`, chain_id: null, files: [file.file]};
    }
  }
}

/** One summary per file: several of the same file are one when they agree, a rewrite when the smaller is not where the larger was. */
function distinctFiles(files: readonly FileSummary[], problems: FleetProblem[]): FileSummary[] {
  const byName = new Map<string, FileSummary>();
  for (const file of files) {
    const seen = byName.get(file.file);
    if (seen === undefined) {
      byName.set(file.file, file);
      continue;
    }
    const [smaller, larger] = seen.tree_size <= file.tree_size ? [seen, file] : [file, seen];
    if (smaller.tree_size === larger.tree_size ? smaller.root_hash !== larger.root_hash : smaller.size > larger.size) {
      problems.push({code: 'rewritten', message: `${file.file}: two summaries of it disagree (tree ${smaller.tree_size} root ${smaller.root_hash}, tree ${larger.tree_size} root ${larger.root_hash})`, chain_id: null, files: [file.file]});
    }
    byName.set(file.file, larger);
  }
  return [...byName.values()];
}

function* linkProblems(chainId: string, segments: readonly Segment[]): Generator<FleetProblem> {
  const first = segments[0];
  if (first.first_index !== 0) {
    yield {code: 'gap', message: `chain ${chainId} starts at index ${first.first_index} in ${first.file}: the files before it are missing`, chain_id: chainId, files: [first.file]};
  }
  for (let i = 1; i < segments.length; i++) {
    const previous = segments[i - 1];
    const next = segments[i];
    const files = [previous.file, next.file];
    const expected = previous.last_index === null ? null : previous.last_index + 1;
    if (next.first_index === null || expected === null) {
      yield {code: 'broken-link', message: `chain ${chainId}: ${next.file} cannot be placed after ${previous.file} (an index is not an integer)`, chain_id: chainId, files};
    } else if (next.first_index < expected) {
      const how = next.first_previous === previous.first_previous ? 'both continue the chain from the same place' : 'they hold the same indexes';
      yield {code: 'fork', message: `chain ${chainId}: ${previous.file} (indexes ${previous.first_index}-${previous.last_index}) and ${next.file} (from ${next.first_index}): ${how}`, chain_id: chainId, files};
    } else if (next.first_index > expected) {
      const missing = next.first_index - expected;
      yield {code: 'gap', message: `chain ${chainId}: ${missing} artifact${missing === 1 ? ' is' : 's are'} missing between ${previous.file} (last index ${previous.last_index}) and ${next.file} (first index ${next.first_index})`, chain_id: chainId, files};
    } else if (next.first_previous !== previous.last_checksum) {
      yield {code: 'broken-link', message: `chain ${chainId}: ${next.file} does not continue ${previous.file} (its first artifact links to another checksum than that file's last): one of them was rewritten`, chain_id: chainId, files};
    }
  }
}
