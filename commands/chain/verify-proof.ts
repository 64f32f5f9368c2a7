import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_VERIFY_PROOF} from '../../src/cli/specs/chain-verify-proof.js';

export default oclifCommand(CHAIN_VERIFY_PROOF);
