// `aigc compliance verify-attestation`: its help, arguments and flags (run: src/cli/run-verify-attestation.ts).
import {ATTESTATION_CHECK_FORMATS} from '../reporters/attestation-check/formats.js';
import {defineCommand} from '../start/spec.js';
import {reportFlags} from './shared.js';
import {PUBKEY_FLAG} from './tlog-shared.js';

const {format, json} = reportFlags(ATTESTATION_CHECK_FORMATS);

export const COMPLIANCE_VERIFY_ATTESTATION = defineCommand({
  id: 'compliance:verify-attestation',
  summary: 'Check the signed attestation of a compliance export (aigc compliance export --attest).',
  description: `Checks, with only the public key: that the DSSE envelope is signed by that key, that it holds an in-toto Statement v1 of the predicate https://aigc.dev/attestations/compliance-export/v1, and that EXPORT is its subject (same SHA-256 and file name: subject-mismatch otherwise). Each input trail given with -i must be as attested, byte for byte (input-mismatch). The checkpoint attested for each input is verified with the same key, and the report says which inputs were checked, which checkpoints verified and by which key, the period covered, the report date and the totals.

Every failure has a stable code, shown as "FAILED: <code>: <reason>" (and in the json format): bad-signature, unknown-key, malformed-envelope, subject-mismatch, input-mismatch.

Exit status: 0 verified, 1 not verified, 2 usage error, 3 a file cannot be read or the key file is bad.`,
  examples: [
    {description: 'Check an attested export and the trail it was made from', command: '<%= config.bin %> <%= command.id %> report.json.intoto.json --pubkey audit.pub report.json -i audit.jsonl'},
  ],
  args: {
    envelope: {description: 'The DSSE envelope (EXPORT.intoto.json).', required: true},
    export: {description: 'The export file it attests.', required: true},
  },
  flags: {
    format,
    json,
    pubkey: PUBKEY_FLAG,
    input: {type: 'string', char: 'i', multiple: true, description: 'An input trail to check against the attestation (repeatable).', helpValue: 'FILE'},
  },
});
