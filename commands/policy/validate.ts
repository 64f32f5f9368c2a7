import {oclifCommand} from '../../src/cli/oclif-command.js';
import {POLICY_VALIDATE} from '../../src/cli/specs/policy-validate.js';

export default oclifCommand(POLICY_VALIDATE);
