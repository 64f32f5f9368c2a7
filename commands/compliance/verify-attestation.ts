import {oclifCommand} from '../../src/cli/oclif-command.js';
import {COMPLIANCE_VERIFY_ATTESTATION} from '../../src/cli/specs/compliance-verify-attestation.js';

export default oclifCommand(COMPLIANCE_VERIFY_ATTESTATION);
