import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_VERIFY_CONSISTENCY} from '../../src/cli/specs/chain-verify-consistency.js';

export default oclifCommand(CHAIN_VERIFY_CONSISTENCY);
