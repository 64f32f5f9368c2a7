// Checks PyYAML makes while reading and scanning that the `yaml` package does
// not: characters its reader refuses, and tabs anywhere a token could start
// (PyYAML only ever skips spaces between tokens). Also remembers where tags
// and anchors are, since PyYAML marks a node from its first property.

import {CST, Lexer} from 'yaml';
import {YamlSyntaxError} from './errors.js';
import type {LineIndex} from './positions.js';

const UNACCEPTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

export function checkPrintable(text: string, lines: LineIndex): void {
  const match = UNACCEPTABLE.exec(text);
  if (!match) return;
  const code = match[0].codePointAt(0)!;
  throw new YamlSyntaxError({
    code: 'unacceptable-character',
    reason: `unacceptable character #x${code.toString(16).padStart(4, '0')}: special characters are not allowed`,
    mark: {range: lines.range([match.index, match.index + 1]), codePointIndex: lines.codePointIndex(match.index)},
  });
}

/** Offsets of property tokens (`!tag`, `&anchor`), ascending. */
export type PropertyOffsets = number[];

/**
 * Scans the token stream once: fails on a tab outside quoted scalars, comments
 * and block scalar content, and returns where tags and anchors start.
 */
export function scanTokens(text: string, lines: LineIndex): PropertyOffsets {
  const properties: number[] = [];
  let offset = 0;
  let scalarSourceNext = false;
  let blockScalarPending = false;
  for (const token of new Lexer().lex(text)) {
    if (scalarSourceNext) {
      scalarSourceNext = false;
      if (!blockScalarPending) rejectTab(token, offset, lines);
      blockScalarPending = false;
      offset += token.length;
      continue;
    }
    const type = CST.tokenType(token);
    if (type === 'scalar') scalarSourceNext = true;
    else if (type === 'block-scalar-header') blockScalarPending = true;
    else if (type === 'space') rejectTab(token, offset, lines);
    else if (type === 'tag' || type === 'anchor') properties.push(offset);
    if (type !== 'scalar' && type !== 'doc-mode' && type !== 'flow-error-end') offset += token.length;
  }
  return properties;
}

function rejectTab(source: string, offset: number, lines: LineIndex): void {
  const index = source.indexOf('\t');
  if (index >= 0) throw tabError(offset + index, lines);
}

function tabError(offset: number, lines: LineIndex): YamlSyntaxError {
  const mark = {range: lines.range([offset, offset + 1])};
  return new YamlSyntaxError({
    code: 'syntax',
    context: 'while scanning for the next token',
    contextMark: mark,
    reason: "found character '\\t' that cannot start any token",
    mark,
  });
}

/**
 * Block scalar content: PyYAML skips spaces up to the scalar's indentation on
 * each line; a tab met before reaching it ends the scalar and then fails as
 * the start of a token.
 */
export function checkBlockScalarTabs(token: CST.BlockScalar, lines: LineIndex): void {
  if (!token.source.includes('\t')) return;
  const props = token.props.filter((prop): prop is CST.SourceToken => 'source' in prop && typeof prop.source === 'string');
  const header = props.find((prop) => prop.type === 'block-scalar-header')?.source ?? '';
  const last = props[props.length - 1];
  const contentStart = last ? last.offset + last.source.length : token.offset;
  const minIndent = Math.max(1, token.indent + 1);
  const explicit = /[1-9]/.exec(header);
  const contentLines = token.source.split('\n');
  const indent = explicit ? minIndent + Number(explicit[0]) - 1 : detectIndent(contentLines, minIndent);
  let lineOffset = contentStart;
  for (const line of contentLines) {
    let spaces = 0;
    while (spaces < indent && line[spaces] === ' ') spaces++;
    if (spaces < indent && line[spaces] === '\t') throw tabError(lineOffset + spaces, lines);
    lineOffset += line.length + 1;
  }
}

/** PyYAML's auto-detected indentation: the deepest leading spaces up to the first content line. */
function detectIndent(contentLines: string[], minIndent: number): number {
  let deepest = 0;
  for (const line of contentLines) {
    const spaces = /^ */.exec(line)![0].length;
    deepest = Math.max(deepest, spaces);
    if (line.slice(spaces).replace(/\r$/, '') !== '') break;
  }
  return Math.max(minIndent, deepest);
}
