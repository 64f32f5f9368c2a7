// The bookkeeping across the lines of one file, in file order: which chain
// each artifact belongs to, whether its index and link follow the chain's
// last, and the problems and summaries that makes. It is given the facts of
// each line (line.ts), examined on this thread or in workers (parallel.ts).

import type {ArtifactLine, ChainStart, ChainSummary, FileVerifyResult, LineFacts, LineProblem, VerifyProblem, VerifyProgress} from './types.js';

/** Problems of a whole run: all counted, the first `max` kept. */
export class ProblemList {
  readonly kept: VerifyProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}

  add(problem: VerifyProblem): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(problem);
  }
}

interface ChainState extends ChainSummary {
  /** The index the next artifact should have. */
  nextIndex: number;
  /** What the next artifact's `previous_audit_checksum` should be. */
  link: string | null;
  start: ChainStart | null;
}

/** A problem about an artifact's place in its chain, with the line its link points back to. */
type ChainProblem = LineProblem & {previousLine?: number};

/** Verifies the lines of one file, given in file order. */
export class TrailVerifier {
  artifacts = 0;
  private lines = 0;
  private unreadable = 0;
  private lastUnreadableLine = 0;
  private readonly problemsBefore: number;
  private readonly chains = new Map<string, ChainState>();

  constructor(
    readonly file: string,
    private readonly problems: ProblemList,
  ) {
    this.problemsBefore = problems.count;
  }

  progress(bytesRead: number): VerifyProgress {
    return {file: this.file, bytesRead, artifacts: this.artifacts, problems: this.problems.count};
  }

  accept(facts: LineFacts): void {
    this.lines = facts.line;
    switch (facts.kind) {
      case 'unreadable':
        this.unreadable++;
        this.lastUnreadableLine = facts.line;
        this.report(facts.problem, facts.line, null, null);
        return;
      case 'unchained':
        if (facts.isObject) this.artifacts++;
        this.report(facts.problem, facts.line, facts.chainId, null);
        return;
      case 'artifact':
        this.artifacts++;
        this.check(facts);
    }
  }

  finish(): FileVerifyResult {
    if (this.artifacts === 0 && this.unreadable === 0) {
      this.report({code: 'no-artifacts', message: 'the file holds no artifacts'}, null, null, null);
    }
    const chains: ChainSummary[] = [];
    const chainStarts: ChainStart[] = [];
    for (const state of this.chains.values()) {
      const {nextIndex: _next, link: _link, start, ...summary} = state;
      chains.push(summary);
      chainStarts.push(start ?? {chainId: state.chainId, firstIndex: null, firstPrevious: null});
    }
    return {
      file: this.file,
      lines: this.lines,
      artifacts: this.artifacts,
      unreadableLines: this.unreadable,
      chains,
      chainStarts,
      problemCount: this.problems.count - this.problemsBefore,
    };
  }

  private check(artifact: ArtifactLine): void {
    const {line, chainId, index: foundIndex} = artifact;
    let state = this.chains.get(chainId);
    let intact = artifact.sound;
    if (state === undefined) {
      const linkedTo = this.chainEndingWith(artifact.previous);
      if (linkedTo !== undefined) {
        intact = false;
        const message = `the artifact links to the end of chain ${linkedTo.chainId} but its chain_id is ${JSON.stringify(chainId)}`;
        this.report({code: 'chain-id', message, expected: linkedTo.chainId, found: chainId}, line, linkedTo.chainId, foundIndex ?? linkedTo.nextIndex);
        state = linkedTo;
      } else {
        state = newChain(chainId, line);
        this.chains.set(chainId, state);
      }
    }
    const index = foundIndex ?? state.nextIndex;
    state.start ??= {chainId: state.chainId, firstIndex: foundIndex, firstPrevious: typeof artifact.previous === 'string' ? artifact.previous : null};

    if (foundIndex !== state.nextIndex) {
      intact = false;
      const problem: ChainProblem = {code: 'chain-index', message: indexMessage(state, artifact), expected: state.nextIndex};
      if (artifact.indexFound !== undefined) problem.found = artifact.indexFound;
      this.report(problem, line, state.chainId, index);
    }

    if (artifact.previous !== state.link) {
      intact = false;
      const problem: ChainProblem = {code: 'broken-link', message: linkMessage(state, this.lastUnreadableLine), expected: state.link};
      if (artifact.previousFound !== undefined) problem.found = artifact.previousFound;
      if (state.artifacts > 0) problem.previousLine = state.lastLine;
      this.report(problem, line, state.chainId, index);
    }

    for (const problem of artifact.problems) this.report(problem, line, state.chainId, index);
    this.countSignature(state, artifact);

    // A verified artifact's own index is trusted, so one gap or repeat is reported once;
    // an altered one is taken to stand where the next artifact should.
    state.nextIndex = artifact.authentic && foundIndex !== null ? foundIndex + 1 : state.nextIndex + 1;
    state.link = artifact.link;
    state.artifacts++;
    if (intact) state.intact++;
    state.lastLine = line;
    state.lastIndex = foundIndex;
    state.lastChecksum = artifact.link;
  }

  private countSignature(state: ChainState, artifact: ArtifactLine): void {
    switch (artifact.signature) {
      case 'not-checked':
        return;
      case 'unsigned-allowed':
        state.unsignedAllowed++;
        return;
      case 'valid':
        state.signaturesValid++;
        break;
    }
    state.signaturesChecked++;
  }

  /** The chain whose last link is `previous`, when an artifact with an unknown chain id points there. */
  private chainEndingWith(previous: string | null | false): ChainState | undefined {
    if (typeof previous !== 'string') return undefined;
    for (const state of this.chains.values()) if (state.link === previous) return state;
    return undefined;
  }

  private report({code, message, ...values}: ChainProblem, line: number | null, chainId: string | null, index: number | null): void {
    this.problems.add({code, message, file: this.file, line, chainId, index, ...values});
  }
}

function newChain(chainId: string, line: number): ChainState {
  return {
    chainId,
    firstLine: line,
    lastLine: line,
    artifacts: 0,
    intact: 0,
    signaturesChecked: 0,
    signaturesValid: 0,
    unsignedAllowed: 0,
    lastIndex: null,
    lastChecksum: null,
    nextIndex: 0,
    link: null,
    start: null,
  };
}

function indexMessage(state: ChainState, artifact: ArtifactLine): string {
  const foundIndex = artifact.index;
  if (artifact.indexFound === undefined) return 'chain_index is missing';
  if (foundIndex === null) return 'chain_index is not an integer';
  if (state.artifacts === 0) return 'the chain starts here without its first artifact (chain_index 0): the start of the chain is missing';
  if (foundIndex > state.nextIndex) {
    const missing = foundIndex - state.nextIndex;
    return `${missing} artifact${missing === 1 ? ' is' : 's are'} missing before this one`;
  }
  return 'chain_index goes back: a duplicated or reordered artifact';
}

function linkMessage(state: ChainState, lastUnreadableLine: number): string {
  if (state.artifacts === 0) return 'the first artifact of a chain must have previous_audit_checksum null';
  const unreadable = lastUnreadableLine > state.lastLine ? ` (line ${lastUnreadableLine} between them could not be read)` : '';
  return `previous_audit_checksum is not the checksum of the chain's previous artifact (line ${state.lastLine})${unreadable}: one of them was changed, removed or moved`;
}
