// Named conditions and the guard expression language: tokenizer → parser →
// AST → evaluator, plus the gate that turns matched guards into the effective policy.

export type {ComparisonOperator, GuardAst, GuardLiteral} from './ast.js';
export {compileGuardExpression, type GuardSyntaxResult, parseGuardSyntax} from './compile.js';
export {resolveConditions} from './conditions.js';
export {mergeThenEffects} from './effects.js';
export {type GuardEvaluation, type GuardOutcome, evaluateGuards} from './effective-policy.js';
export {evaluateGuardAst, type GuardEnvironment} from './evaluate.js';
export {FloatOverflowError} from './numbers.js';
