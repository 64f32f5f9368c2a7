// The verification summary of trail files (`chain verify --summary-json`):
// small, one per batch task, and enough to check a fleet of files together
// (merge.ts): each file's digest, its checkpoint log (tree size and root, and
// whether the checkpoint beside it agrees), its chains' heads and tails, and
// its own problems. A chain continued from an earlier file (daily rotation)
// starts past index 0 linked to that file's tail: the two problems the file
// alone shows there are the fleet's to judge, so they are left out here.

import {fileDigest} from '../tlog/attestation.js';
import {readCheckpointBeside} from '../tlog/beside.js';
import {encodeBase64} from '../tlog/encoding.js';
import {sameHash} from '../tlog/merkle.js';
import {readTrailTree} from '../tlog/trail.js';
import type {FileVerifyResult, VerifyProblem, VerifyReport} from '../verify/types.js';

export const VERIFY_SUMMARY_VERSION = '1';
/** Problems kept per file: the summary says what is wrong, the full report says everything. */
const PROBLEMS_KEPT = 20;

export interface SummaryChain {
  chain_id: string;
  first_line: number;
  last_line: number;
  artifacts: number;
  intact: number;
  first_index: number | null;
  first_previous: string | null;
  last_index: number | null;
  last_checksum: string | null;
}

export interface SummaryProblem {
  code: string;
  line: number | null;
  chain_id: string | null;
  index: number | null;
  message: string;
}

export interface FileSummary {
  file: string;
  size: number;
  sha256: string;
  tree_size: number;
  root_hash: string;
  /** The checkpoint beside the file (TRAIL.checkpoint): its size, and whether the file's log has its root there. */
  checkpoint: {tree_size: number; root_matches: boolean} | null;
  signatures_checked: boolean;
  artifacts: number;
  unreadable_lines: number;
  problem_count: number;
  problems: SummaryProblem[];
  chains: SummaryChain[];
}

export interface VerifySummary {
  aigc_verify_summary: string;
  files: FileSummary[];
}

/** The summary of a verification of files (stdin has no digest: give files). */
export async function summarizeVerification(report: VerifyReport, paths: ReadonlyMap<string, string>): Promise<VerifySummary> {
  const files: FileSummary[] = [];
  for (const file of report.files) files.push(await fileSummary(file, report, paths.get(file.file) ?? file.file));
  return {aigc_verify_summary: VERIFY_SUMMARY_VERSION, files};
}

async function fileSummary(file: FileVerifyResult, report: VerifyReport, path: string): Promise<FileSummary> {
  const beside = await readCheckpointBeside(path);
  const [digest, tree] = await Promise.all([fileDigest(path), readTrailTree(path, {sizes: beside === null ? [] : [beside.size]})]);
  const atCheckpoint = beside === null ? undefined : tree.roots.get(beside.size);
  const continued = continuationProblems(file);
  const own = report.problems.filter((problem) => problem.file === file.file && !continued.has(problemKey(problem)));
  return {
    file: file.file,
    size: digest.size,
    sha256: digest.sha256,
    tree_size: tree.size,
    root_hash: encodeBase64(tree.root),
    checkpoint: beside === null ? null : {tree_size: beside.size, root_matches: atCheckpoint !== undefined && sameHash(atCheckpoint, beside.root)},
    signatures_checked: report.signaturesChecked,
    artifacts: file.artifacts,
    unreadable_lines: file.unreadableLines,
    problem_count: file.problemCount - continued.size,
    problems: own.slice(0, PROBLEMS_KEPT).map((problem) => ({code: problem.code, line: problem.line, chain_id: problem.chainId, index: problem.index, message: problem.message})),
    chains: file.chains.map((chain, position) => ({
      chain_id: chain.chainId,
      first_line: chain.firstLine,
      last_line: chain.lastLine,
      artifacts: chain.artifacts,
      intact: chain.intact,
      first_index: file.chainStarts[position].firstIndex,
      first_previous: file.chainStarts[position].firstPrevious,
      last_index: chain.lastIndex,
      last_checksum: chain.lastChecksum,
    })),
  };
}

/**
 * The problems a chain continued from another file shows at its first
 * artifact: its index is not 0, and its link is not null.
 */
function continuationProblems(file: FileVerifyResult): Set<string> {
  const keys = new Set<string>();
  file.chains.forEach((chain, position) => {
    const start = file.chainStarts[position];
    if (start.firstIndex === null || start.firstIndex === 0) return;
    keys.add(`chain-index ${chain.chainId} ${chain.firstLine}`);
    if (start.firstPrevious !== null) keys.add(`broken-link ${chain.chainId} ${chain.firstLine}`);
  });
  return keys;
}

function problemKey(problem: VerifyProblem): string {
  return `${problem.code} ${problem.chainId} ${problem.line}`;
}
