// `aigc chain keygen`: its help, argument and flags (run: src/cli/run-keygen.ts).
import {defineCommand} from '../start/spec.js';

export const CHAIN_KEYGEN = defineCommand({
  id: 'chain:keygen',
  summary: 'Make an Ed25519 key pair for signing trail checkpoints (signed-note key formats).',
  description: `Writes PREFIX.key, the signer key (PRIVATE+KEY+NAME+<key ID>+<key>, mode 0600: keep it secret, it signs checkpoints), and PREFIX.pub, the verifier key (NAME+<key ID>+<key>: hand it to auditors, it only verifies). Both are in the c2sp.org/signed-note formats that Go's golang.org/x/mod/sumdb/note reads. NAME is the log's origin, the first line of every checkpoint it signs, e.g. audit.example.com/payments.

Neither file may exist already: a key is never overwritten. The verifier key is printed on stdout; the signer key never is.

With --witness the pair is a witness's (c2sp.org/tlog-cosignature, type cosignature/v1), for aigc chain cosign; NAME is then the witness's name.

Exit status: 0 keys written, 2 usage error (a NAME with a space or +), 3 a file exists or cannot be written.`,
  examples: [
    {description: 'Keys for a log; give audit.pub to auditors', command: '<%= config.bin %> <%= command.id %> audit.example.com/payments -o audit'},
    {description: 'A witness key', command: '<%= config.bin %> <%= command.id %> witness.example.org --witness -o witness'},
  ],
  args: {name: {description: 'The key name: the log origin (or the witness name), without spaces or +.', required: true}},
  flags: {
    output: {type: 'string', char: 'o', description: 'Write PREFIX.key and PREFIX.pub.', helpValue: 'PREFIX', required: true},
    witness: {type: 'boolean', description: 'Make a witness key (cosignature/v1) instead of a log key.'},
  },
});
