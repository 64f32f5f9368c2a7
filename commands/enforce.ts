import {oclifCommand} from '../src/cli/oclif-command.js';
import {ENFORCE} from '../src/cli/specs/enforce.js';

export default oclifCommand(ENFORCE);
