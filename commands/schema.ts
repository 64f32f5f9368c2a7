import {oclifCommand} from '../src/cli/oclif-command.js';
import {SCHEMA} from '../src/cli/specs/schema.js';

export default oclifCommand(SCHEMA);
