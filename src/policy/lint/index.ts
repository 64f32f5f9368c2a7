// Policy linting: the rules and what they find.
export {lintPolicyFile} from './lint.js';
export {ALL_RULES, LINT_RULES} from './rules.js';
export type * from './types.js';
