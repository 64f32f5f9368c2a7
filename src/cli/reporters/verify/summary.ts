// The sentences every human format shares: a chain's summary line, a problem's
// expected/found values, and the closing statements.
import {displayPath} from '../paths.js';
import {encodeBase64} from '../../../audit/tlog/encoding.js';
import {verifierKeyLabel} from '../../../audit/tlog/keys.js';
import type {ChainSummary, ChainVerifyReport, CheckpointVerification, ShownValue, VerifyProblem, VerifyReport} from './types.js';

/** `chain <id>: 40/40 artifacts intact, 40/40 signatures valid` (or `signatures not checked`). */
export function chainSummaryLine(chain: ChainSummary, report: VerifyReport): string {
  const artifacts = `${chain.intact}/${chain.artifacts} artifacts intact`;
  if (!report.signaturesChecked) return `chain ${chain.chainId}: ${artifacts}, signatures not checked`;
  const unsigned = chain.unsignedAllowed > 0 ? `, ${chain.unsignedAllowed} unsigned (allowed)` : '';
  return `chain ${chain.chainId}: ${artifacts}, ${chain.signaturesValid}/${chain.signaturesChecked} signatures valid${unsigned}`;
}

/** Whether a chain has no problem of its own. */
export function chainIsValid(chain: ChainSummary): boolean {
  return chain.intact === chain.artifacts && chain.signaturesValid === chain.signaturesChecked;
}

/** ` (expected X, found Y)`, or empty when the problem has neither. */
export function expectedFound(problem: VerifyProblem): string {
  if (problem.expected === undefined && problem.found === undefined) return '';
  const parts: string[] = [];
  if (problem.expected !== undefined) parts.push(`expected ${shownValue(problem.expected)}`);
  parts.push(`found ${problem.found === undefined ? '(missing)' : shownValue(problem.found)}`);
  return ` (${parts.join(', ')})`;
}

/** Where a problem is: `[chain <id> #<index>]`, or empty for a line outside any chain. */
export function chainPlace(problem: VerifyProblem): string {
  if (problem.chainId === null) return '';
  return problem.index === null ? ` [chain ${problem.chainId}]` : ` [chain ${problem.chainId} #${problem.index}]`;
}

/**
 * `checkpoint <file>: verified: the first N leaves have its root …` or
 * `checkpoint <file>: <code>: <reason>`.
 */
export function checkpointLine(result: CheckpointVerification, cwd?: string): string {
  const name = `checkpoint ${displayPath(result.source, cwd)}`;
  if (!result.ok) return `${name}: ${result.code}: ${result.message}`;
  const {origin, size, root} = result.checkpoint!;
  const witnesses = (result.cosignatures ?? []).map((cosignature) => cosignature.witness.name);
  const cosigned = witnesses.length === 0 ? '' : `, cosigned by ${witnesses.join(', ')}`;
  return `${name}: verified: the first ${plural(size, 'leaf', 'leaves')} have its root ${encodeBase64(root)} (log ${origin}, signed by ${verifierKeyLabel(result.logKey!)}${cosigned})`;
}

/** The statements closing a report: unchecked signatures, problems not shown, the verdict. */
export function closingLines(report: ChainVerifyReport): string[] {
  const lines: string[] = [];
  if (!report.signaturesChecked) lines.push('signatures were not checked: no key given (use --key-env or --key-file)');
  const hidden = report.problemCount - report.problems.length;
  if (hidden > 0) lines.push(`${hidden} more ${hidden === 1 ? 'problem' : 'problems'} not shown (raise --max-errors to see them)`);
  const artifacts = report.files.reduce((sum, file) => sum + file.artifacts, 0);
  const checkpoints = report.checkpoints?.results ?? [];
  const failedCheckpoints = checkpoints.filter((result) => !result.ok).length;
  const ofCheckpoints =
    checkpoints.length === 0 ? '' : failedCheckpoints === 0 ? `; ${plural(checkpoints.length, 'checkpoint')} verified` : `; ${failedCheckpoints} of ${plural(checkpoints.length, 'checkpoint')} not verified`;
  lines.push(
    report.valid
      ? `verified: ${plural(artifacts, 'artifact')} in ${plural(report.files.length, 'file')}, no problems${ofCheckpoints}`
      : `FAILED: ${plural(report.problemCount, 'problem')} in ${plural(report.files.length, 'file')}${ofCheckpoints}`,
  );
  return lines;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

function shownValue(value: ShownValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
