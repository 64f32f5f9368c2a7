import {oclifCommand} from '../src/cli/oclif-command.js';
import {REPLAY} from '../src/cli/specs/replay.js';

export default oclifCommand(REPLAY);
