// A problem with the project config file itself: a typed value with a code and
// the place it is written, so the CLI prints one `file:line:column: message` line.

import {formatLocation, type SourceLocation} from '../source-location.js';
import type {ConfigErrorCode} from './types.js';

export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';

  constructor(
    message: string,
    readonly code: ConfigErrorCode,
    readonly sourceLocation: SourceLocation,
  ) {
    super(message);
  }

  /** `file:line:column` as far as known. */
  get location(): string {
    return formatLocation(this.sourceLocation);
  }
}
