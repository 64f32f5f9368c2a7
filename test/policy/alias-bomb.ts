// YAML built to exhaust a reader by aliases, for the tests that it is refused.

/** `levels` anchors deep (a, b, c …), each a list of nine aliases of the one before: 9^levels "lol"s once expanded (a billion at ten). */
export function aliasBomb(levels = 10): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < levels; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}
