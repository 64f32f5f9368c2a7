// The coverage report file formats, by name: read by the command's flags and
// help and by the dispatcher (./index.ts), so a format is added here once.

const NAMES = ['json', 'lcov'] as const;

export type CoverageFileFormat = (typeof NAMES)[number];

/** What `--coverage-format` takes; json when it is not given. */
export const COVERAGE_FILE_FORMATS = {names: NAMES, default: 'json'} as const satisfies {names: readonly CoverageFileFormat[]; default: CoverageFileFormat};
