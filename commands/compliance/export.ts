import {oclifCommand} from '../../src/cli/oclif-command.js';
import {COMPLIANCE_EXPORT} from '../../src/cli/specs/compliance-export.js';

export default oclifCommand(COMPLIANCE_EXPORT);
