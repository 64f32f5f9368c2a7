// `--attest --key-file` of the commands that write a file and may attest it
// (compliance export, chain verify-summaries): the checks of the flags, the
// signer, and the envelope written beside the file as FILE.intoto.json.
import type {Attestation} from '../audit/tlog/attestation.js';
import {type NoteSigner, verifierKeyLabel} from '../audit/tlog/keys.js';
import type {CommandIo} from './command-io.js';
import {ioError, usageError} from './exit-codes.js';
import {writeFileAtomic} from './output.js';
import {asCommandFailure, signerKeyOf} from './tlog-files.js';

export interface AttestFlagValues {
  attest?: boolean;
  'key-file'?: string;
}

/** Usage errors of `--attest --key-file` (exit 2), before anything is read; false without --attest. `what` names the file attested. */
export function attestRequested(flags: AttestFlagValues, outputFile: string | undefined, what: string): boolean {
  if (!flags.attest) {
    if (flags['key-file'] !== undefined) throw usageError('--key-file is the signer key of --attest; give --attest too');
    return false;
  }
  if (flags['key-file'] === undefined) throw usageError('--attest needs --key-file, the signer key (PREFIX.key from aigc chain keygen)');
  if (outputFile === undefined) throw usageError(`--attest needs -o FILE: the attestation is about the ${what} file`);
  return true;
}

/** The Ed25519 log key of `--key-file`; a bad key file or a witness key is exit 3. */
export async function attestationSignerOf(keyFile: string, io: Pick<CommandIo, 'cwd'>): Promise<NoteSigner> {
  const signer = await signerKeyOf(keyFile, io);
  if (signer.type !== 'ed25519') throw ioError('malformed-key: a witness key (cosignature/v1) cannot sign an attestation; give the log key', keyFile);
  return signer;
}

/** Makes the attestation of `outputFile` and writes it to `FILE.intoto.json`, saying so on stderr. */
export async function writeAttestationBeside<P>(outputFile: string, attest: () => Promise<Attestation<P>>, signer: NoteSigner, io: CommandIo, note: (message: string) => void): Promise<void> {
  const envelopeFile = `${outputFile}.intoto.json`;
  const attestation = await asCommandFailure(attest);
  await writeFileAtomic(envelopeFile, attestation.text, io.cwd);
  note(`attestation written to ${envelopeFile} (signed by ${verifierKeyLabel(signer.verifierKey)})`);
}
