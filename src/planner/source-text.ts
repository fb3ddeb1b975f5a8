/**
 * The SQL text of a DDL element as written: a computed column's or a watermark's expression, kept in the catalog so
 * that SHOW CREATE TABLE prints it back (and CREATE TABLE … LIKE copies it) unchanged.
 */
import type { SourcePosition } from '../common/errors.js';
import type { StatementBase } from '../parser/ast.js';

/**
 * The text from `start` to the end of the element: the first `,` or `)` outside parentheses, brackets, string
 * literals and backquoted names (a column element's end), trimmed; undefined when the statement has no text there.
 */
export function elementText(statement: StatementBase, start: SourcePosition | undefined): string | undefined {
  const base = statement.position.offset;
  if (start?.offset === undefined || base === undefined || statement.text === '') return undefined;
  const text = statement.text;
  let depth = 0;
  let i = start.offset - base;
  const from = i;
  if (from < 0 || from >= text.length) return undefined;
  while (i < text.length) {
    const char = text[i]!;
    if (char === "'" || char === '`') {
      i = closingQuote(text, i, char);
      continue;
    }
    if (char === '-' && text[i + 1] === '-') {
      const lineEnd = text.indexOf('\n', i);
      i = lineEnd === -1 ? text.length : lineEnd;
      continue;
    }
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      if (depth === 0) break;
      depth--;
    } else if (char === ',' && depth === 0) break;
    i++;
  }
  return text.slice(from, i).replace(/\s+COMMENT\s+'(?:[^']|'')*'\s*$/i, '').trim();
}

function closingQuote(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** The statement's text from `start` to its end (a view's query), trimmed; undefined when there is none. */
export function restText(statement: StatementBase, start: SourcePosition | undefined): string | undefined {
  const base = statement.position.offset;
  if (start?.offset === undefined || base === undefined || statement.text === '') return undefined;
  const text = statement.text.slice(start.offset - base).trim();
  return text === '' ? undefined : text;
}
