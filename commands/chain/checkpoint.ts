import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_CHECKPOINT} from '../../src/cli/specs/chain-checkpoint.js';

export default oclifCommand(CHAIN_CHECKPOINT);
