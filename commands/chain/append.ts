import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_APPEND} from '../../src/cli/specs/chain-append.js';

export default oclifCommand(CHAIN_APPEND);
