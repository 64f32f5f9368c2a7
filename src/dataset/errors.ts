// The one error type of Parquet datasets: a stable code for each way an export
// or a report over a dataset can fail, so a command maps codes to exit codes.

export type DatasetErrorCode =
  /** `@duckdb/node-api` (an optional dependency) cannot be imported. */
  | 'duckdb-missing'
  /** The output folder holds something that is not an aigc dataset, or a dataset of another version. */
  | 'not-a-dataset'
  /** A trail already in the dataset changed before the point the dataset was made to (rewritten, truncated). */
  | 'trail-rewritten'
  /** A trail or the dataset cannot be read or written. */
  | 'io'
  /** DuckDB refused a query or a write. */
  | 'engine';

/** A dataset failure: `code` is stable, `message` is one line for people. */
export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    /** The file the failure is about, when there is one. */
    readonly file?: string,
    options?: {cause?: unknown; systemCode?: string},
  ) {
    super(message, {cause: options?.cause});
    this.systemCode = options?.systemCode;
  }

  /** For `io`: the system error's code (`ENOENT`, `EISDIR` …), for the command to word. */
  readonly systemCode: string | undefined;
}

/** A file that cannot be read: `cannot read`, with the system error's code. */
export function readError(file: string, error: unknown): DatasetError {
  return new DatasetError('io', 'cannot read', file, {cause: error, systemCode: (error as NodeJS.ErrnoException).code ?? 'EIO'});
}
