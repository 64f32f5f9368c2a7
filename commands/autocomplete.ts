import {oclifCommand} from '../src/cli/oclif-command.js';
import {AUTOCOMPLETE} from '../src/cli/specs/autocomplete.js';

export default oclifCommand(AUTOCOMPLETE);
