// oclif skips command files named `*.test.js`, so `policy test` lives in `policy/test/index.ts`.
import {oclifCommand} from '../../../src/cli/oclif-command.js';
import {POLICY_TEST} from '../../../src/cli/specs/policy-test.js';

export default oclifCommand(POLICY_TEST);
