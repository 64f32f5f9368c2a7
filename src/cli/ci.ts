// Whether a command runs under a CI system, where live terminal views are not
// drawn and snapshots are not written unasked. The same rule as ink's own
// (is-in-ci): a view we decide to show is then one ink will paint.

/** `CI` or `CONTINUOUS_INTEGRATION` present with any value but `0` or `false`. */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  return isSet(env, 'CI') || isSet(env, 'CONTINUOUS_INTEGRATION');
}

function isSet(env: Readonly<Record<string, string | undefined>>, key: string): boolean {
  const value = env[key];
  return value !== undefined && value !== '0' && value !== 'false';
}
