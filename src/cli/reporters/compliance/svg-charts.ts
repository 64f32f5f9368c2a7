// The charts of the HTML report, drawn as inline SVG strings: no script, no
// network, no library. Each chart is an image with a title and a description
// that states its numbers, so a screen reader gets what a sighted reader sees.
// `id` prefixes the ids of a chart's title and description; unique per page.

export interface Slice {
  label: string;
  value: number;
  /** A CSS colour (a custom property reference works). */
  color: string;
}

export interface BarRow {
  label: string;
  value: number;
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A ring split into slices (stroke-dasharray arcs on one circle per slice),
 * with `centerValue` over `centerLabel` in the middle.
 */
export function donutChart(options: {id: string; title: string; description: string; slices: Slice[]; centerValue: string; centerLabel: string}): string {
  const {id} = options;
  const size = 220;
  const radius = 84;
  const stroke = 30;
  const circumference = 2 * Math.PI * radius;
  const total = options.slices.reduce((sum, slice) => sum + slice.value, 0);
  const arcs: string[] = [];
  let offset = 0;
  for (const slice of options.slices) {
    if (slice.value <= 0 || total === 0) continue;
    const length = (slice.value / total) * circumference;
    // A hairline gap between slices keeps neighbouring colours apart.
    const gap = slice.value === total ? 0 : Math.min(2, length / 2);
    arcs.push(
      `<circle cx="${size / 2}" cy="${size / 2}" r="${radius}" fill="none" stroke="${slice.color}" stroke-width="${stroke}" ` +
        `stroke-dasharray="${fixed(length - gap)} ${fixed(circumference - length + gap)}" stroke-dashoffset="${fixed(-offset)}" ` +
        `transform="rotate(-90 ${size / 2} ${size / 2})"/>`,
    );
    offset += length;
  }
  const track = `<circle cx="${size / 2}" cy="${size / 2}" r="${radius}" fill="none" stroke="var(--track)" stroke-width="${stroke}"/>`;
  return [
    `<svg class="chart donut" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
    track,
    ...arcs,
    `<text x="${size / 2}" y="${size / 2 - 2}" text-anchor="middle" class="donut-value">${escapeXml(options.centerValue)}</text>`,
    `<text x="${size / 2}" y="${size / 2 + 22}" text-anchor="middle" class="donut-label">${escapeXml(options.centerLabel)}</text>`,
    '</svg>',
  ].join('');
}

/** Horizontal bars, one row per label, the value written after each bar. */
export function barChart(options: {id: string; title: string; description: string; rows: BarRow[]; color: string; width?: number}): string {
  const {id} = options;
  const width = options.width ?? 640;
  const rowHeight = 34;
  const barHeight = 20;
  const longestLabel = Math.max(...options.rows.map((row) => row.label.length), 4);
  const labelWidth = Math.min(260, 16 + longestLabel * 7.6);
  const valueWidth = 64;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(...options.rows.map((row) => row.value), 1);
  const height = options.rows.length * rowHeight + 8;
  const rows = options.rows.map((row, index) => {
    const y = 4 + index * rowHeight;
    const barWidth = Math.max(2, (row.value / max) * plotWidth);
    const middle = y + rowHeight / 2;
    return (
      `<g class="bar-row">` +
      `<text x="${fixed(labelWidth - 12)}" y="${fixed(middle)}" text-anchor="end" dominant-baseline="central" class="bar-label">${escapeXml(truncate(row.label, 32))}</text>` +
      `<rect x="${fixed(labelWidth)}" y="${fixed(middle - barHeight / 2)}" width="${fixed(barWidth)}" height="${barHeight}" rx="3" fill="${options.color}"/>` +
      `<text x="${fixed(labelWidth + barWidth + 8)}" y="${fixed(middle)}" dominant-baseline="central" class="bar-value">${row.value.toLocaleString('en-US')}</text>` +
      `</g>`
    );
  });
  return [
    `<svg class="chart bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
    `<line x1="${fixed(labelWidth)}" y1="0" x2="${fixed(labelWidth)}" y2="${height}" class="axis"/>`,
    ...rows,
    '</svg>',
  ].join('');
}

/** A thin bar split into parts, for table rows; decorative (the row states the numbers). */
export function stackedBar(parts: Slice[], width = 120, height = 10): string {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  let x = 0;
  const rects = parts
    .filter((part) => part.value > 0 && total > 0)
    .map((part) => {
      const partWidth = (part.value / total) * width;
      const rect = `<rect x="${fixed(x)}" y="0" width="${fixed(partWidth)}" height="${height}" fill="${part.color}"/>`;
      x += partWidth;
      return rect;
    });
  return (
    `<svg class="mini-bar" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<rect x="0" y="0" width="${width}" height="${height}" rx="${height / 2}" fill="var(--track)"/>` +
    `<g clip-path="inset(0 round ${height / 2}px)">${rects.join('')}</g>` +
    '</svg>'
  );
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
