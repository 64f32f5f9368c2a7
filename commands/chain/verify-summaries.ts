import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_VERIFY_SUMMARIES} from '../../src/cli/specs/chain-verify-summaries.js';

export default oclifCommand(CHAIN_VERIFY_SUMMARIES);
