import {oclifCommand} from '../src/cli/oclif-command.js';
import {INIT} from '../src/cli/specs/init.js';

export default oclifCommand(INIT);
