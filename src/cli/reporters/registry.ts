// The shape every report's reporters take: one per format name, imported when
// its format is chosen (a run writes one format, and some pull in heavy
// modules: an XML builder, code frames, charts). The names come from the
// report's formats.ts, so a registry that misses one does not compile.

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

export type Reporters<F extends string, R> = Readonly<Record<F, () => Promise<R>>>;
