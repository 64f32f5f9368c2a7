// Flags the transparency-log commands share, written once so their names, help
// and meaning are the same everywhere: the log's public key and the witnesses';
// and how a verifier's help closes.
import type {FlagSpec} from '../start/spec.js';

export const PUBKEY_FLAG = {
  type: 'string',
  multiple: true,
  required: true,
  description: "The log's verifier key (PREFIX.pub from aigc chain keygen); repeatable, for a log whose key was rotated.",
  helpValue: 'PREFIX.pub',
} as const satisfies FlagSpec;

export const WITNESS_FLAGS = {
  witness: {
    type: 'string',
    multiple: true,
    description: "A witness's verifier key (repeatable): the checkpoint must carry the cosignatures of --quorum of them (default all).",
    helpValue: 'PUB',
  },
  quorum: {type: 'integer', description: 'How many of the --witness keys must have cosigned the checkpoint (default: all).', min: 1, helpValue: 'K'},
} as const satisfies Record<string, FlagSpec>;

/** The flags of a chain writer (`enforce --chain`, `chain append`) that keep `TRAIL.checkpoint` signed. */
export const CHECKPOINT_WRITER_FLAGS = {
  'checkpoint-key': {
    type: 'string',
    description:
      'Keep a signed checkpoint of the trail in TRAIL.checkpoint (replaced atomically, under the trail lock) with this signer key (PREFIX.key from aigc chain keygen): at the end of a run that appended any artifact, and with --checkpoint-every also every N artifacts. The tile store TRAIL.tiles/ is kept up to date with it.',
    helpValue: 'PREFIX.key',
  },
  'checkpoint-every': {
    type: 'integer',
    description: 'With --checkpoint-key: also checkpoint after the batch that brings N artifacts since the last checkpoint.',
    min: 1,
    helpValue: 'N',
  },
} as const satisfies Record<string, FlagSpec>;

/** `--attest --key-file`: a signed in-toto attestation beside the -o FILE a command writes (what: what it attests). */
export function attestFlags(what: string) {
  return {
    attest: {type: 'boolean', description: `Also write FILE.intoto.json: a signed in-toto attestation of ${what} (needs -o FILE and --key-file).`},
    'key-file': {type: 'string', description: 'The signer key for --attest (PREFIX.key from aigc chain keygen).', helpValue: 'PREFIX.key'},
  } as const satisfies Record<string, FlagSpec>;
}

/** The close of a verifier's help: its stable failure codes, then its exit status (3 names `keyFile`). */
export function verifierHelpClose(codes: string, keyFile = 'a key file'): string {
  return `Every failure has a stable code, shown as "FAILED: <code>: <reason>" (and in the json format): ${codes}.

Exit status: 0 verified, 1 not verified, 2 usage error, 3 a file cannot be read or ${keyFile} is bad.`;
}
