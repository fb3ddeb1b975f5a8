/**
 * Compares Sluice's printed changes with Flink's expected ones. Lines equal as text match; otherwise the line is
 * split into values using the expected column types and compared value by value: DOUBLE within 1e-9 relative,
 * everything else (DECIMAL, BIGINT, TIMESTAMP, strings) exactly. `multiset` ignores order, `ordered` does not.
 */
import type { ExpectedChange, ExpectedResult, SinkColumn } from './expected-result.js';

const NULL_TEXT = '<NULL>';
const RELATIVE_TOLERANCE = 1e-9;

/** The line Sluice's print sink shows for a change: `+I[2020-04-15T08:00, <NULL>, 11.00]`. */
export function printedLine(change: ExpectedChange): string {
  const [kind, ...values] = change;
  return `${kind}[${values.map((value) => value ?? NULL_TEXT).join(', ')}]`;
}

const isString = (column: SinkColumn): boolean => /^(STRING|VARCHAR|CHAR)/.test(column.type);

/** Splits a printed line into kind and values; undefined when it cannot be split unambiguously. */
export function splitPrinted(line: string, columns: readonly SinkColumn[]): { kind: string; values: (string | null)[] } | undefined {
  const match = /^([+-][IUD])\[(.*)\]$/s.exec(line);
  if (!match) return undefined;
  const tokens = columns.length === 0 ? [] : match[2]!.split(', ');
  if (tokens.length < columns.length) return undefined;
  if (tokens.length > columns.length) {
    const stringColumns = columns.map((column, i) => (isString(column) ? i : -1)).filter((i) => i >= 0);
    if (stringColumns.length !== 1) return undefined;
    const at = stringColumns[0]!;
    const extra = tokens.length - columns.length;
    tokens.splice(at, extra + 1, tokens.slice(at, at + extra + 1).join(', '));
  }
  return { kind: match[1]!, values: tokens.map((token) => (token === NULL_TEXT ? null : token)) };
}

function doublesClose(a: string, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a === b;
  if (x === y) return true;
  return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
}

/** Whether a printed line stands for the expected change (exact text, or DOUBLE values within tolerance). */
export function matches(expected: ExpectedChange, actualLine: string, columns: readonly SinkColumn[]): boolean {
  if (printedLine(expected) === actualLine) return true;
  if (!columns.some((column) => column.type.startsWith('DOUBLE'))) return false;
  const actual = splitPrinted(actualLine, columns);
  if (!actual || actual.kind !== expected[0]) return false;
  return columns.every((column, i) => {
    const want = expected[i + 1] ?? null;
    const got = actual.values[i] ?? null;
    if (want === null || got === null) return want === got;
    return column.type.startsWith('DOUBLE') ? doublesClose(want, got) : want === got;
  });
}

export interface ChangeDiff {
  /** Expected changes Sluice did not print (as print lines). */
  readonly missing: readonly string[];
  /** Lines Sluice printed that Flink did not expect. */
  readonly unexpected: readonly string[];
  /** For `ordered`: the first position where the changelogs part. */
  readonly firstDifference?: number;
}

export function compareChanges(expected: ExpectedResult, actual: readonly string[]): ChangeDiff | undefined {
  if (expected.order === 'final') return compareMultiset({ ...expected, changes: finalTable(expected.changes) }, finalLines(actual));
  return expected.order === 'ordered' ? compareOrdered(expected, actual) : compareMultiset(expected, actual);
}

/** The rows a changelog leaves: +I/+U add a row, -U/-D take one equal row away; each row as a +I change. */
function finalTable(changes: readonly ExpectedChange[]): ExpectedChange[] {
  const rows: ExpectedChange[] = [];
  for (const [kind, ...values] of changes) {
    const row: ExpectedChange = ['+I', ...values];
    if (kind === '+I' || kind === '+U') rows.push(row);
    else {
      const at = rows.findIndex((r) => printedLine(r) === printedLine(row));
      if (at >= 0) rows.splice(at, 1);
    }
  }
  return rows;
}

/** The same for printed lines (`-U[…]` retracts the equal `+I[…]` / `+U[…]` line). */
function finalLines(lines: readonly string[]): string[] {
  const rows: string[] = [];
  for (const line of lines) {
    const kind = line.slice(0, 2);
    const row = `+I${line.slice(2)}`;
    if (kind === '+I' || kind === '+U') rows.push(row);
    else {
      const at = rows.indexOf(row);
      if (at >= 0) rows.splice(at, 1);
    }
  }
  return rows;
}

function compareOrdered(expected: ExpectedResult, actual: readonly string[]): ChangeDiff | undefined {
  const length = Math.max(expected.changes.length, actual.length);
  for (let i = 0; i < length; i++) {
    const want = expected.changes[i];
    const got = actual[i];
    if (want !== undefined && got !== undefined && matches(want, got, expected.columns)) continue;
    return {
      missing: expected.changes.slice(i).map(printedLine),
      unexpected: actual.slice(i),
      firstDifference: i,
    };
  }
  return undefined;
}

function compareMultiset(expected: ExpectedResult, actual: readonly string[]): ChangeDiff | undefined {
  const remaining = [...actual];
  const missing: ExpectedChange[] = [];
  for (const change of expected.changes) {
    const exact = remaining.indexOf(printedLine(change));
    if (exact >= 0) remaining.splice(exact, 1);
    else missing.push(change);
  }
  const stillMissing = missing.filter((change) => {
    const close = remaining.findIndex((line) => matches(change, line, expected.columns));
    if (close < 0) return true;
    remaining.splice(close, 1);
    return false;
  });
  if (stillMissing.length === 0 && remaining.length === 0) return undefined;
  return { missing: stillMissing.map(printedLine), unexpected: remaining };
}

export function describeDiff(diff: ChangeDiff): string {
  const lines: string[] = [];
  if (diff.firstDifference !== undefined) lines.push(`changelogs part at change #${diff.firstDifference + 1}`);
  if (diff.missing.length > 0) lines.push('expected (Flink) but not printed by Sluice:', ...diff.missing.map((l) => `  ${l}`));
  if (diff.unexpected.length > 0) lines.push('printed by Sluice but not expected:', ...diff.unexpected.map((l) => `  ${l}`));
  return lines.join('\n');
}
