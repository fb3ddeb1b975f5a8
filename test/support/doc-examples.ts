/**
 * The executable examples of docs/sql.md: every cell of an "Example" column in the sections "Types" and
 * "Expressions and functions" is a list of examples, each in one of these forms (separated by `;`):
 *
 *   `UPPER('abc')` → `'ABC'`                          the value, as the CLI shows it (strings quoted, NULL as NULL)
 *   `CAST(1 AS TINYINT)` → `1` : `TINYINT`            the value and the result type
 *   `RAND()` → a `DOUBLE`                             only the type (a non-deterministic function), never NULL
 *   `SUM(x)` over `(1), (2), (NULL)` → `3`            an aggregate over VALUES rows whose columns are x, y, z, …
 *
 * A cell holding anything else is an error, so no example is silently skipped.
 */
import { readFileSync } from 'node:fs';

export interface DocExample {
  /** The expression, as `SELECT <expression>` runs it. */
  readonly expression: string;
  /** VALUES rows (`(1, 'a'), (2, 'b')`) the expression aggregates over; null for a scalar example. */
  readonly over: string | null;
  /** The documented value text; null when only the type is documented. */
  readonly value: string | null;
  /** The documented result type, when one is given. */
  readonly type: string | null;
  /** Where it is written: `docs/sql.md:<line>`, and the table row's first cell. */
  readonly where: string;
  readonly row: string;
}

/** A table row of one of the example sections, with its example cell's text. */
export interface ExampleRow {
  readonly section: string;
  readonly row: string;
  readonly cell: string;
  readonly line: number;
}

const SECTIONS = ['Types', 'Expressions and functions'];

const CODE = '`([^`]+)`';
const EXAMPLE = new RegExp(`^${CODE}(?: over ${CODE})? → (?:${CODE}(?: : ${CODE})?|an? ${CODE})`);

export const DOC_PATH = new URL('../../docs/sql.md', import.meta.url);

/** The rows of every table with an "Example" column in the example sections, in document order. */
export function exampleRows(doc = readFileSync(DOC_PATH, 'utf8')): ExampleRow[] {
  const rows: ExampleRow[] = [];
  let section = '';
  let exampleColumn = -1;
  let headerSeen = false;
  doc.split('\n').forEach((text, index) => {
    if (text.startsWith('## ')) section = text.slice(3).trim();
    if (!SECTIONS.includes(section) || !text.startsWith('|')) {
      exampleColumn = -1;
      headerSeen = false;
      return;
    }
    const cells = tableCells(text);
    if (!headerSeen) {
      headerSeen = true;
      exampleColumn = cells.indexOf('Example');
      return;
    }
    if (exampleColumn < 0 || cells.every((cell) => /^-+$/.test(cell))) return;
    rows.push({ section, row: cells[0] ?? '', cell: cells[exampleColumn] ?? '', line: index + 1 });
  });
  return rows;
}

/** Every example of the example sections; throws at the first cell that is not a list of examples. */
export function docExamples(doc?: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const row of exampleRows(doc)) examples.push(...parseCell(row));
  return examples;
}

function parseCell(row: ExampleRow): DocExample[] {
  const examples: DocExample[] = [];
  const where = `docs/sql.md:${row.line}`;
  let rest = row.cell.trim();
  while (rest !== '') {
    const match = EXAMPLE.exec(rest);
    if (match === null) throw new Error(`${where} (${row.row}): not an example: ${rest}`);
    const [all, expression, over, value, valueType, onlyType] = match;
    examples.push({
      expression: expression!, over: over ?? null, value: value ?? null, type: valueType ?? onlyType ?? null, where, row: row.row,
    });
    rest = rest.slice(all.length).trim();
    if (rest === '') break;
    if (!rest.startsWith(';')) throw new Error(`${where} (${row.row}): examples must be separated by ';': ${rest}`);
    rest = rest.slice(1).trim();
  }
  return examples;
}

/** A Markdown table line's cells, trimmed, with `\|` (a pipe inside a cell) unescaped. */
function tableCells(line: string): string[] {
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
  return cells.map((cell) => cell.trim().replaceAll('\\|', '|'));
}
