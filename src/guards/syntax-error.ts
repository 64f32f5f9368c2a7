// Guard syntax errors are the reference's GuardEvaluationError plus the place
// where the problem was found, for lint to point at.

import {type ErrorDetails, GuardEvaluationError} from '../errors.js';

export class GuardSyntaxError extends GuardEvaluationError {
  constructor(
    message: string,
    details: ErrorDetails,
    /** Code-point index into the stripped expression. */
    readonly position: number,
  ) {
    super(message, details, {reason: 'guard-syntax'});
  }
}
