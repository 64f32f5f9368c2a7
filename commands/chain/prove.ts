import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_PROVE} from '../../src/cli/specs/chain-prove.js';

export default oclifCommand(CHAIN_PROVE);
