/**
 * Text in table columns, shared by the CLI's tables and changelogs and the shell's grids: widths in terminal columns
 * (string-width: East Asian wide characters and emoji take two, combining marks none), padding, cutting a cell to a
 * width, and the width a column gets from its type when rows are printed before the whole result is known.
 */
import stringWidth from 'string-width';

/** Width in terminal columns. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
}

/** A cell's text on one line: line breaks shown as '↵'. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, '↵');
}

/** The cell on one line, cut with '…' to at most `width` columns. */
export function clip(text: string, width: number): string {
  const flat = oneLine(text);
  if (displayWidth(flat) <= width) return flat;
  let kept = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter().segment(flat)) {
    const next = displayWidth(segment);
    if (used + next > Math.max(1, width - 1)) break;
    kept += segment;
    used += next;
  }
  return `${kept}…`;
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|DOUBLE|DECIMAL|NUMERIC)\b/i;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type);
}

/** A display width that fits typical values of a type (Flink's tableau mode sizes columns the same way). */
export function typeWidth(type: string): number {
  const base = type.toUpperCase().replace(/\s*\*(ROWTIME|PROCTIME)\*$/, '').replace(/ NOT NULL$/, '');
  const decimal = /^(?:DECIMAL|NUMERIC)\((\d+)(?:,\s*(\d+))?\)/.exec(base);
  if (decimal) return Number(decimal[1]) + 2;
  if (base.startsWith('TIMESTAMP')) return 23;
  if (base.startsWith('DATE')) return 10;
  if (base.startsWith('TIME')) return 12;
  if (base === 'BOOLEAN') return 5;
  if (base === 'TINYINT') return 4;
  if (base === 'SMALLINT') return 6;
  if (base === 'INT' || base === 'INTEGER') return 11;
  if (base === 'BIGINT') return 20;
  if (base === 'FLOAT' || base === 'DOUBLE') return 12;
  const sized = /^(?:VAR)?CHAR\((\d+)\)/.exec(base);
  if (sized) return Math.min(Number(sized[1]), 20);
  return 20;
}
