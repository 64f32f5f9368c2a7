// Problems with test suites and replay fixtures themselves (not with the
// policies they test): typed values with a stable code and a location, so
// the CLI can print `file:line:column: message` and choose the exit code.

import {formatLocation, type SourceLocation} from '../source-location.js';

export type TestingErrorCode =
  /** the file cannot be read */
  | 'UNREADABLE'
  /** YAML or JSON syntax */
  | 'SYNTAX'
  /** valid syntax, but not the shape the schema describes */
  | 'SCHEMA'
  /** schema-valid, but a value cannot be used (a bad regular expression, an unknown clock) */
  | 'INVALID_VALUE';

export class TestingFileError extends Error {
  override readonly name = 'TestingFileError';

  constructor(
    message: string,
    readonly code: TestingErrorCode,
    readonly sourceLocation: SourceLocation,
  ) {
    super(message);
  }

  get file(): string {
    return this.sourceLocation.file;
  }

  get line(): number | undefined {
    return this.sourceLocation.line;
  }

  get column(): number | undefined {
    return this.sourceLocation.column;
  }

  /** `file:line:column` as far as known. */
  get location(): string {
    return formatLocation(this.sourceLocation);
  }
}
