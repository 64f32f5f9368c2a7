import {oclifCommand} from '../../src/cli/oclif-command.js';
import {CHAIN_COSIGN} from '../../src/cli/specs/chain-cosign.js';

export default oclifCommand(CHAIN_COSIGN);
