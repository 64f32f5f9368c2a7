import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_KEYGEN} from '../../src/cli/specs/chain-keygen.js';

export default oclifCommand(CHAIN_KEYGEN);
