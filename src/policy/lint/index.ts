// Policy linting: rules, findings, and the files they run over.
export {collectPolicyFiles} from './collect.js';
export {lintPolicyFile, type LintOptions} from './lint.js';
export {ALL_RULES, RULES} from './rules.js';
export type * from './types.js';
