// The shape every report's reporters take: one per format name, imported when
// its format is chosen (a run writes one format, and some pull in heavy
// modules: an XML builder, code frames, charts). The names come from the
// report's formats.ts, so a registry that misses one does not compile.
import {displayCopy} from '../display-text.js';

/** Colour and paths, as every human format needs them. */
export interface ReporterOptions {
  /** Colour the output (only the human formats use it; decided by the caller, see `src/cli/color.ts`). */
  color: boolean;
  /** Paths are shown relative to this folder when given. */
  cwd?: string;
  /**
   * How much the human formats list (default `normal`): `quiet` only what
   * failed and the closing line, `verbose` also what passed. The documents for
   * programs (JSON, JUnit, TAP, SARIF) are always whole.
   */
  verbosity?: 'quiet' | 'normal' | 'verbose';
}

/** Each format's reporter, loaded when chosen. */
export type ReporterLoaders<F extends string, R> = Readonly<Record<F, () => Promise<R>>>;

declare const madeByReporterTable: unique symbol;

/**
 * A report's reporters as `reporterTable` makes them: only it gives the
 * brand, so a registry written as a bare object (whose human formats would
 * print control characters from input raw) does not compile.
 */
export type Reporters<F extends string, R> = ReporterLoaders<F, R> & {readonly [madeByReporterTable]: true};

/** The formats programs read: they keep exact values, each escaped by its own writer (JSON, XML). */
const EXACT_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif', 'junit', 'lcov']);

// biome-ignore lint/suspicious/noExplicitAny: a reporter's model type is its own; the wrapper only copies it.
type AnyReporter = (report: any, ...rest: any[]) => unknown;

/**
 * A report's reporters, every format people read (pretty, text, github, tap,
 * markdown, html) given a copy of the model with control characters from
 * input shown as escapes (`displayCopy`), so no reporter can forget to.
 */
export function reporterTable<F extends string, R extends AnyReporter>(loaders: ReporterLoaders<F, R>): Reporters<F, R> {
  const table = {} as Record<F, () => Promise<R>>;
  for (const format of Object.keys(loaders) as F[]) {
    const load = loaders[format];
    table[format] = EXACT_FORMATS.has(format) ? load : async () => forPeople(await load());
  }
  return table as Reporters<F, R>;
}

function forPeople<R extends AnyReporter>(reporter: R): R {
  return ((report: unknown, ...rest: unknown[]) => reporter(displayCopy(report), ...rest)) as R;
}
