// `aigc compliance verify-attestation`: its help, arguments and flags (run: src/cli/run-verify-attestation.ts).
import {ATTESTATION_CHECK_FORMATS} from '../reporters/attestation-check/formats.js';
import {defineCommand} from '../start/spec.js';
import {reportFlags} from './shared.js';
import {PUBKEY_FLAG, verifierHelpClose} from './tlog-shared.js';

const {format, json} = reportFlags(ATTESTATION_CHECK_FORMATS);

export const COMPLIANCE_VERIFY_ATTESTATION = defineCommand({
  id: 'compliance:verify-attestation',
  summary: 'Check the signed attestation of a compliance export or a fleet report (compliance export --attest, chain verify-summaries --attest).',
  description: `Checks, with only the public key: that the DSSE envelope is signed by that key, that it holds an in-toto Statement v1 of one of the predicates https://aigc.dev/attestations/compliance-export/v1 (aigc compliance export --attest) or https://aigc.dev/attestations/fleet-report/v1 (aigc chain verify-summaries --attest), and that EXPORT is its subject (same SHA-256 and file name: subject-mismatch otherwise). The report says which predicate it verified (predicateType in the json format).

For a compliance export, each input trail given with -i must be as attested, byte for byte (input-mismatch). The checkpoint attested for each input is verified with the same key, and the report says which inputs were checked, which checkpoints verified and by which key, the period covered, the report date and the totals.

For a fleet report, each summary or trail file given with -i must be as attested, byte for byte (input-mismatch), and the report lists the summaries merged, each trail file's log and checkpoint as its summary said, the totals and whether the fleet was whole.

${verifierHelpClose('bad-signature, unknown-key, malformed-envelope, subject-mismatch, input-mismatch', 'the key file')}`,
  examples: [
    {description: 'Check an attested export and the trail it was made from', command: '<%= config.bin %> <%= command.id %> report.json.intoto.json --pubkey audit.pub report.json -i audit.jsonl'},
    {description: 'Check an attested fleet report and one of the summaries it merged', command: '<%= config.bin %> <%= command.id %> fleet.json.intoto.json --pubkey audit.pub fleet.json -i audit-2026-01-01.jsonl.summary.json'},
  ],
  args: {
    envelope: {description: 'The DSSE envelope (EXPORT.intoto.json, FLEET.json.intoto.json).', required: true},
    export: {description: 'The file it attests: a compliance export or a fleet report.', required: true},
  },
  flags: {
    format,
    json,
    pubkey: PUBKEY_FLAG,
    input: {type: 'string', char: 'i', multiple: true, description: 'A file to check against the attestation (repeatable): an input trail of an export; a summary or trail file of a fleet report.', helpValue: 'FILE'},
  },
});
