/**
 * Syntax highlighting while typing: splits the input into keyword, string, number, comment, quoted-identifier and
 * plain pieces. Strings and block comments may span lines, so the whole buffer is scanned and cut into lines after.
 * Forgiving by design: unfinished strings and comments simply run to the end. Pure.
 */
import { isKeyword } from './sql-words.js';

export type TokenKind = 'keyword' | 'string' | 'number' | 'comment' | 'identifier' | 'plain';

export interface Segment {
  readonly kind: TokenKind;
  readonly text: string;
}

const PATTERNS: readonly (readonly [TokenKind | 'word', RegExp])[] = [
  ['comment', /--[^\n]*|\/\*[\s\S]*?(\*\/|$)/y],
  ['string', /'(?:[^']|'')*('|$)/y],
  ['identifier', /`(?:[^`]|``)*(`|$)/y],
  ['number', /\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+/y],
  ['word', /[A-Za-z_][A-Za-z0-9_$]*/y],
];

export function highlight(text: string): Segment[] {
  const segments: Segment[] = [];
  let plain = '';
  let index = 0;
  const push = (kind: TokenKind, piece: string): void => {
    if (plain !== '') segments.push({ kind: 'plain', text: plain });
    plain = '';
    segments.push({ kind, text: piece });
  };
  scan: while (index < text.length) {
    for (const [kind, pattern] of PATTERNS) {
      pattern.lastIndex = index;
      const match = pattern.exec(text);
      if (!match || match[0] === '') continue;
      const piece = match[0];
      if (kind === 'word') {
        if (isKeyword(piece)) push('keyword', piece);
        else plain += piece;
      } else {
        push(kind, piece);
      }
      index += piece.length;
      continue scan;
    }
    plain += text[index];
    index += 1;
  }
  if (plain !== '') segments.push({ kind: 'plain', text: plain });
  return segments;
}

/** The highlighted text cut at line breaks: one segment list per line. */
export function highlightLines(text: string): Segment[][] {
  const lines: Segment[][] = [[]];
  for (const segment of highlight(text)) {
    const pieces = segment.text.split('\n');
    pieces.forEach((piece, index) => {
      if (index > 0) lines.push([]);
      if (piece !== '') lines[lines.length - 1]?.push({ kind: segment.kind, text: piece });
    });
  }
  return lines;
}
