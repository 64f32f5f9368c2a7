// What the floors of scripts/bench.js share: the canonical text of plain JSON
// (keys sorted at every level, then JSON.stringify) and its SHA-256.
import {createHash} from 'node:crypto';

/** Keys sorted at every level: JSON.stringify then writes the canonical text of plain JSON. */
export const sorted = (value) => {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const name of Object.keys(value).sort()) out[name] = sorted(value[name]);
  return out;
};

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');
