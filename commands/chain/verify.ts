import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_VERIFY} from '../../src/cli/specs/chain-verify.js';

export default oclifCommand(CHAIN_VERIFY);
