// The names of the `aigc policy test` output formats (no reporter loaded).

/** Every test format, in the order help and usage errors list them. */
export const TEST_FORMATS = ['pretty', 'text', 'json', 'junit', 'tap', 'github'] as const;

export type TestFormat = (typeof TEST_FORMATS)[number];
