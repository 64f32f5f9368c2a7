// The compiled form of a guard expression. Literals are coerced once at
// compile time; evaluation never looks at source text again.

import type {PyFloat} from '../python/values.js';

export type ComparisonOperator = '==' | '!=' | '<' | '>' | '<=' | '>=';

/** A guard literal after Python's int → float → true/false → text coercion. */
export type GuardLiteral = number | bigint | PyFloat | boolean | string;

export type GuardAst =
  /** A bare identifier: looks up a resolved condition only. */
  | {readonly kind: 'condition'; readonly name: string}
  | {readonly kind: 'not'; readonly operand: GuardAst}
  | {readonly kind: 'and'; readonly left: GuardAst; readonly right: GuardAst}
  | {readonly kind: 'or'; readonly left: GuardAst; readonly right: GuardAst}
  /** `ident OP token`: `literalText` is the right-hand token's raw text. */
  | {
      readonly kind: 'compare';
      readonly identifier: string;
      readonly operator: ComparisonOperator;
      readonly literalText: string;
      readonly literal: GuardLiteral;
    }
  /** `literal in field`: `literalText` is the left-hand text, never resolved as an identifier. */
  | {readonly kind: 'membership'; readonly literalText: string; readonly literal: GuardLiteral; readonly field: string};
