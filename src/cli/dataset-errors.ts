// How a dataset failure ends a command: a trail rewritten since its export is a
// failed check (exit 1); the rest (no DuckDB, not a dataset, I/O) exit 3.
import type {DatasetError} from '../dataset/errors.js';
import {CliError, ExitCode} from './exit-codes.js';
import {readErrorText} from './system-errors.js';

export function datasetCliError(error: DatasetError): CliError {
  const exitCode = error.code === 'trail-rewritten' ? ExitCode.CheckFailed : ExitCode.Internal;
  const message = error.systemCode === undefined ? error.message : `${error.message}: ${readErrorText(error.systemCode)}`;
  return new CliError(message, exitCode, error.file === undefined ? undefined : {file: error.file}, {cause: error});
}
