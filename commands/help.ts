import {oclifCommand} from '../src/cli/oclif-command.js';
import {HELP} from '../src/cli/specs/help.js';

export default oclifCommand(HELP);
