/** Changes as compact text (`+I a 10`, NULL as `-`) and a changelog applied to a table, for engine tests. */
import assert from 'node:assert/strict';
import type { Change, Row } from '../../src/index.js';

export const rowText = (row: Row): string => Object.values(row).map((v) => (v === null ? '-' : String(v))).join(' ');

export const changeText = (change: Change): string => `${change.op} ${rowText(change.row)}`;

/** Applies the changes in order and returns the rows left, sorted; every retraction must remove a row that is there. */
export function materialise(changes: readonly Change[]): string[] {
  const rows: string[] = [];
  for (const change of changes) {
    if (change.op === '+I' || change.op === '+U') rows.push(rowText(change.row));
    else {
      const at = rows.indexOf(rowText(change.row));
      assert.ok(at >= 0, `retraction of a row not in the result: ${changeText(change)}`);
      rows.splice(at, 1);
    }
  }
  return rows.sort();
}
