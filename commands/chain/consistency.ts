import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_CONSISTENCY} from '../../src/cli/specs/chain-consistency.js';

export default oclifCommand(CHAIN_CONSISTENCY);
