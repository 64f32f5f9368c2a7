import {oclifCommand} from '../../src/cli/oclif-command.js';
import {POLICY_LINT} from '../../src/cli/specs/policy-lint.js';

export default oclifCommand(POLICY_LINT);
