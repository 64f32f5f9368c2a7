// Python number formatting that JavaScript does differently: `f'{x:.3f}'` and
// `round(x, n)` break exact binary ties half-to-even, `toFixed` half-up.

/** Python `format(x, '.Nf')`. */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const rounded = value.toFixed(digits);
  if (!isExactTie(value, digits)) return rounded;
  const truncated = truncate(value, digits);
  const lastDigit = Number(truncated.replace('.', '').slice(-1));
  return lastDigit % 2 === 0 ? truncated : rounded;
}

/** Python `round(x, n)` for floats: correctly rounded, ties to even. */
export function pyRound(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(formatFixed(value, digits));
}

/** True when the exact binary value lies exactly halfway between two N-digit decimals. */
function isExactTie(value: number, digits: number): boolean {
  const exact = Math.abs(value).toFixed(100);
  const fraction = exact.slice(exact.indexOf('.') + 1);
  return /^50*$/.test(fraction.slice(digits));
}

function truncate(value: number, digits: number): string {
  const exact = Math.abs(value).toFixed(100);
  const point = exact.indexOf('.');
  const body = digits === 0 ? exact.slice(0, point) : exact.slice(0, point + 1 + digits);
  return (value < 0 ? '-' : '') + body;
}
