// Deciding one item of the `aigc enforce` stream, a parsed invocation or an
// unreadable one, into its artifact and output line.

import type {CanonicalJsonError} from '../canonical/canonical.js';
import {compactJson, pyJsonDumps} from '../canonical/dumps.js';
import {type RedactionPattern, DEFAULT_REDACTION_PATTERNS} from '../audit/redaction.js';
import {HmacSigner, signArtifact} from '../audit/signing.js';
import {InvocationValidationError} from '../errors.js';
import type {EnforcementGate} from '../gates/custom.js';
import type {JsonStreamItem} from '../io/json-values.js';
import {PolicyCache} from '../policy/cache.js';
import {clockAt} from '../pipeline/clock.js';
import {utcDay} from '../policy/dates.js';
import {decide, prePipelineFailArtifact, unrecordableDecision} from '../pipeline/enforce.js';
import type {PyDict, PyValue} from '../python/values.js';

/** Everything a decision depends on, as plain data. */
export interface DeciderSettings {
  now?: number;
  policyRoot?: string;
  strictMode?: boolean;
  redactionPatterns?: readonly RedactionPattern[];
  /** HMAC key bytes; every artifact is signed when present. */
  key: Uint8Array | null;
  pretty?: boolean;
}

export interface DecidedItem {
  artifact: PyDict;
  pass: boolean;
}

export interface ItemDecider {
  decide(item: JsonStreamItem): DecidedItem;
  /** The artifact's output text, without a newline (compact, or indented with --pretty). */
  line(artifact: PyDict): string;
  /** The FAIL that replaces a decided artifact found to have no canonical bytes (when chaining it). */
  unrecordable(error: CanonicalJsonError): DecidedItem;
}

/** A decider with its own policy cache. */
export function createItemDecider(settings: DeciderSettings, customGates?: readonly EnforcementGate[]): ItemDecider {
  const now = clockAt(settings.now);
  const cache = new PolicyCache();
  const signer = settings.key ? new HmacSigner(settings.key) : null;
  const patterns = settings.redactionPatterns ?? DEFAULT_REDACTION_PATTERNS;
  const options = {
    now,
    today: () => utcDay(now()),
    cache,
    policyRoot: settings.policyRoot,
    signer,
    signPrePipeline: true,
    // No tracer provider is ever registered in the CLI: do not load the OpenTelemetry API for nothing.
    trace: false,
    strictMode: settings.strictMode,
    customGates,
    redactionPatterns: settings.redactionPatterns,
  };
  const decided = (artifact: PyDict): DecidedItem => ({artifact, pass: artifact.enforcement_result === 'PASS'});
  return {
    line: (artifact) => (settings.pretty ? pyJsonDumps(artifact, {indent: 2}) : compactJson(artifact)),
    decide(item) {
      if (item.kind === 'value') return decided(decide(item.value, options).artifact);
      const error = new InvocationValidationError(item.reason, {line: item.line});
      const artifact = prePipelineFailArtifact(null, error, {now, patterns}, 'unified');
      if (signer) signArtifact(artifact, signer);
      return decided(artifact);
    },
    unrecordable: (error) => decided(unrecordableDecision(error, options, 'unified').artifact),
  };
}

/** The `--record` line of a decided invocation, for `aigc replay`. */
export function recordText(invocation: PyValue, artifact: PyDict): string {
  return `${pyJsonDumps({invocation, artifact}, {separators: [',', ':']})}\n`;
}
