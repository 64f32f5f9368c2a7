// "Did you mean": the known word nearest to one mistyped (a flag, a command,
// a suite key), counting a swap of two neighbouring letters as one edit
// (`--fromat` → `--format`), when it is near enough to be a typo.

/** The candidate nearest to `typed`, or undefined when none is within a typo's distance. */
export function nearestWord(typed: string, candidates: readonly string[]): string | undefined {
  // A third of the word may be wrong (at least one letter): `--fromat`, `--formt`, `--outptu`, not `--x` for `--json`.
  const limit = Math.max(1, Math.floor(typed.replace(/^-+/, '').length / 3));
  let best: {word: string; distance: number} | undefined;
  for (const word of candidates) {
    const distance = editDistance(typed, word);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = {word, distance};
  }
  return best?.word;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
