import {oclifCommand} from '../src/cli/oclif-command.js';
import {VERSION} from '../src/cli/specs/version.js';

export default oclifCommand(VERSION);
