// Structured logging under the `aigc` namespace, silent unless the host turns
// it on: `setLogHandler(fn)` receives every record, or `AIGC_LOG=debug|info|warn`
// prints JSON lines to stderr.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  /** `aigc.<area>`, e.g. `aigc.enforcement` */
  logger: string;
  message: string;
  fields?: Record<string, unknown>;
}

const LEVELS: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};
let handler: ((record: LogRecord) => void) | null = null;

/** Routes aigc's log records to `fn` (null turns logging off again). */
export function setLogHandler(fn: ((record: LogRecord) => void) | null): void {
  handler = fn;
}

let fromEnvironment: ((record: LogRecord) => void) | null | undefined;

/** The AIGC_LOG handler, decided at the first record (enforcement logs on its hot path). */
function environmentHandler(): ((record: LogRecord) => void) | null {
  if (fromEnvironment !== undefined) return fromEnvironment;
  const threshold = process.env.AIGC_LOG as LogLevel | undefined;
  fromEnvironment =
    threshold && threshold in LEVELS
      ? (record) => {
          if (LEVELS[record.level] >= LEVELS[threshold]) process.stderr.write(`${JSON.stringify(record)}\n`);
        }
      : null;
  return fromEnvironment;
}

/** A logger for one area; records go nowhere unless a handler is set. */
export function getLogger(area: string): Record<LogLevel, (message: string, fields?: Record<string, unknown>) => void> {
  const name = `aigc.${area}`;
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const target = handler ?? environmentHandler();
    target?.({level, logger: name, message, ...(fields ? {fields} : {})});
  };
  return {debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error')};
}
