// Every aigc command: its spec, and the run function it is started with,
// imported only when that command runs.
import type {CommandIo} from '../command-io.js';
import type {CompletionShell} from '../completion.js';
import {AUTOCOMPLETE} from '../specs/autocomplete.js';
import {CHAIN_APPEND} from '../specs/chain-append.js';
import {CHAIN_CHECKPOINT} from '../specs/chain-checkpoint.js';
import {CHAIN_CONSISTENCY} from '../specs/chain-consistency.js';
import {CHAIN_COSIGN} from '../specs/chain-cosign.js';
import {CHAIN_KEYGEN} from '../specs/chain-keygen.js';
import {CHAIN_PROVE} from '../specs/chain-prove.js';
import {CHAIN_VERIFY} from '../specs/chain-verify.js';
import {CHAIN_VERIFY_CONSISTENCY} from '../specs/chain-verify-consistency.js';
import {CHAIN_VERIFY_PROOF} from '../specs/chain-verify-proof.js';
import {CHAIN_VERIFY_SUMMARIES} from '../specs/chain-verify-summaries.js';
import {COMPLIANCE_EXPORT} from '../specs/compliance-export.js';
import {COMPLIANCE_VERIFY_ATTESTATION} from '../specs/compliance-verify-attestation.js';
import {ENFORCE} from '../specs/enforce.js';
import {EXPORT_PARQUET} from '../specs/export-parquet.js';
import {INIT} from '../specs/init.js';
import {HELP} from '../specs/help.js';
import {POLICY_LINT} from '../specs/policy-lint.js';
import {POLICY_TEST} from '../specs/policy-test.js';
import {POLICY_VALIDATE} from '../specs/policy-validate.js';
import {REPLAY} from '../specs/replay.js';
import {SCHEMA} from '../specs/schema.js';
import {VERSION} from '../specs/version.js';
import type {CommandSpec, Parsed} from './spec.js';

export interface CommandEntry<S extends CommandSpec = CommandSpec> {
  spec: S;
  /** Runs the command; resolves to its exit code. */
  run(parsed: Parsed<S>, io: CommandIo): Promise<number>;
}

function command<const S extends CommandSpec>(spec: S, run: (parsed: Parsed<S>, io: CommandIo) => Promise<number>): CommandEntry<S> {
  return {spec, run};
}

/** In the order help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  command(AUTOCOMPLETE, async ({args}, io) => (await import('../completion.js')).runAutocomplete(args.shell as CompletionShell, specs(), io)),
  command(CHAIN_APPEND, async ({args, flags}, io) => (await import('../run-append.js')).runAppend(args.file, flags, io)),
  command(CHAIN_CHECKPOINT, async ({args, flags}, io) => (await import('../run-checkpoint.js')).runCheckpoint(args.trail, flags, io)),
  command(CHAIN_CONSISTENCY, async ({args, flags}, io) => (await import('../run-consistency.js')).runConsistency(args.trail, flags, io)),
  command(CHAIN_COSIGN, async ({args, flags}, io) => (await import('../run-cosign.js')).runCosign(args.proof, flags, io)),
  command(CHAIN_KEYGEN, async ({args, flags}, io) => (await import('../run-keygen.js')).runKeygen(args.name, flags, io)),
  command(CHAIN_PROVE, async ({args, flags}, io) => (await import('../run-prove.js')).runProve(args.trail, flags, io)),
  command(CHAIN_VERIFY, async ({argv, flags}, io) => (await import('../run-verify.js')).runVerify(argv, flags, io)),
  command(CHAIN_VERIFY_CONSISTENCY, async ({args, flags}, io) => (await import('../run-verify-consistency.js')).runVerifyConsistency(args, flags, io)),
  command(CHAIN_VERIFY_PROOF, async ({args, flags}, io) => (await import('../run-verify-proof.js')).runVerifyProof(args.proof, args.artifact, flags, io)),
  command(CHAIN_VERIFY_SUMMARIES, async ({argv, flags}, io) => (await import('../run-verify-summaries.js')).runVerifySummaries(argv, flags, io)),
  command(COMPLIANCE_EXPORT, async ({argv, flags}, io) => (await import('../run-compliance.js')).runComplianceExport(argv, flags, io)),
  command(COMPLIANCE_VERIFY_ATTESTATION, async ({args, flags}, io) =>
    (await import('../run-verify-attestation.js')).runVerifyAttestation(args.envelope, args.export, flags, io),
  ),
  command(ENFORCE, async ({flags}, io) => (await import('../run-enforce.js')).runEnforceCommand(flags, io)),
  command(EXPORT_PARQUET, async ({argv, flags}, io) => (await import('../run-export-parquet.js')).runExportParquet(argv, flags, io)),
  command(HELP, async ({argv}, io) => (await import('../run-help.js')).runHelp(argv, specs().map((spec) => spec.id), io)),
  command(INIT, async ({args, flags}, io) => (await import('../run-init.js')).runInit(args.dir, flags, io)),
  command(POLICY_LINT, async ({argv, flags, config}, io) => (await import('../run-lint.js')).runLint(argv, flags, io, config)),
  command(POLICY_TEST, async ({argv, flags, config}, io) => (await import('../run-policy-test.js')).runPolicyTest(argv, flags, io, config)),
  command(POLICY_VALIDATE, async ({argv, flags, config}, io) => (await import('../run-validate.js')).runValidate(argv, flags, io, config)),
  command(REPLAY, async ({argv, flags}, io) => (await import('../run-replay.js')).runReplay(argv, flags, io)),
  command(SCHEMA, async ({args}, io) => (await import('../run-schema.js')).runSchema(args.name, io)),
  command(VERSION, async (_parsed, io) => (await import('../version.js')).runVersion(io)),
] as CommandEntry[];

/** Every command's spec (help and completion list them). */
function specs(): CommandSpec[] {
  return COMMANDS.map((entry) => entry.spec);
}
