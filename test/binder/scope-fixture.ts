/** A scope shared by the binder tests: bids `b` joined with people `p`. */
import { BIGINT, BOOLEAN, DOUBLE, INT, STRING, decimal, timestamp, type DataType } from '../../src/common/types.js';
import assert from 'node:assert/strict';
import type { Expr } from '../../src/dataflow/expr.js';
import { bindExpression, type Scope, type ScopeColumn } from '../../src/planner/binder/expressions.js';
import { parseExpression } from '../../src/parser/index.js';

const COLUMNS: readonly [string | null, string, DataType][] = [
  ['b', 'price', decimal(10, 2)],
  ['b', 'item', STRING],
  ['b', 'bidtime', timestamp(3, true)],
  ['b', 'qty', INT],
  ['b', 'big', BIGINT],
  ['b', 'ratio', DOUBLE],
  ['b', 'flag', BOOLEAN],
  ['b', 'id', INT],
  ['p', 'id', INT],
  ['p', 'Name', STRING],
  ['p', 'name', STRING],
  [null, 'rate', decimal(38, 10)],
];

export const SCOPE: Scope = {
  columns: COLUMNS.map(([qualifier, name, type], index): ScopeColumn => ({ qualifier, name, type, nullable: true, index })),
};

export function indexOf(qualifier: string | null, name: string): number {
  return SCOPE.columns.findIndex((c) => c.qualifier === qualifier && c.name === name);
}

/** `sql` parsed and bound in SCOPE. */
export const bindInScope = (sql: string): Expr => bindExpression(parseExpression(sql), SCOPE);

/** The error binding `sql` in SCOPE gives (parsing included); fails the test if there is none. */
export function bindFailure(sql: string): Error {
  try {
    bindInScope(sql);
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail(`expected ${sql} to fail`);
}
