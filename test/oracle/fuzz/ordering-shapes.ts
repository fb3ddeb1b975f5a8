/**
 * Query shapes that order rows without a window: the non-window Top-N (`ROW_NUMBER() OVER (…) <= N`, top 1 included,
 * with and without the rank selected), ORDER BY … LIMIT / FETCH (a Top-N over the whole stream), the temporal sort
 * (ORDER BY ts without LIMIT: its order is compared row by row), and OVER aggregations (ROWS / RANGE frames).
 * Sort orders end with every column of t, so ties can only be between identical rows and both engines must agree.
 */
import { selectList, whereClause } from './aggregation-shapes.js';
import type { Output } from './expressions.js';
import type { Random } from './random.js';
import type { FuzzTable } from './schema-and-data.js';
import { sumType, avgType } from './sql-types.js';
import type { RelationShapeSql } from './window-relation-shapes.js';

const nullsClause = (random: Random): string => random.pick(['', '', ' NULLS FIRST', ' NULLS LAST']);

/** A sort key list: one value or key column first (either direction, NULLS placed at random), then every column. */
function totalOrder(random: Random, table: FuzzTable): string {
  const columns = [...table.keys, ...table.values].map((c) => c.name);
  const first = random.pick(columns);
  const rest = ['ts', ...columns.filter((c) => c !== first)].map((c) => `${c}${random.chance(0.3) ? ' DESC' : ''}`);
  return [`${first} ${random.pick(['ASC', 'DESC'])}${nullsClause(random)}`, ...rest].join(', ');
}

const allColumns = (table: FuzzTable): Output[] => [
  { expression: 'ts', type: 'TIMESTAMP(3)' },
  ...[...table.keys, ...table.values].map((c) => ({ expression: c.name, type: c.type })),
];

/** `ROW_NUMBER() OVER ([PARTITION BY keys] ORDER BY …) AS rn` kept at `<= N` (N = 1 included), rn selected or not. */
export function regularTopN(random: Random, table: FuzzTable): RelationShapeSql {
  const partition = random.sample(table.keys, random.int(0, table.keys.length)).map((k) => k.name);
  const over = `${partition.length > 0 ? `PARTITION BY ${partition.join(', ')} ` : ''}ORDER BY ${totalOrder(random, table)}`;
  const outputs: Output[] = [...allColumns(table), ...(random.chance(0.5) ? [{ expression: 'rn', type: 'BIGINT' }] : [])];
  const bound = random.pick(['rn <= 1', 'rn = 1', 'rn <= 2', 'rn < 4', 'rn <= 3']);
  const select = `SELECT ${selectList(outputs)} FROM (\n  SELECT *, ROW_NUMBER() OVER (${over}) AS rn FROM t${whereClause(random, table, 0.25)}\n) WHERE ${bound}`;
  return { outputs, select };
}

/** `ORDER BY … LIMIT n [OFFSET m]` / `FETCH FIRST n ROWS ONLY`, or `LIMIT n` alone (the first rows in arrival order). */
export function sortLimit(random: Random, table: FuzzTable): RelationShapeSql {
  const outputs = random.chance(0.5) ? allColumns(table) : random.sample(allColumns(table), random.int(1, 3));
  const count = random.int(1, 4);
  // OFFSET is left out of ORDER BY … LIMIT: there Flink reports rank positions (-U/+U), Sluice rows (+I/-D).
  const ordered = random.chance(0.8);
  const limit = ordered
    ? random.pick([`LIMIT ${count}`, `FETCH FIRST ${count} ROWS ONLY`])
    : random.pick([`LIMIT ${count}`, `LIMIT ${count} OFFSET ${random.int(1, 3)}`, `OFFSET ${random.int(1, 3)} ROWS FETCH NEXT ${count} ROWS ONLY`]);
  const orderBy = ordered ? ` ORDER BY ${totalOrder(random, table)}` : '';
  return { outputs, select: `SELECT ${selectList(outputs)} FROM t${whereClause(random, table, 0.25)}${orderBy} ${limit}` };
}

/** `ORDER BY ts[, more keys]` without LIMIT: rows in time order as the watermark passes them (compared in order). */
export function temporalSort(random: Random, table: FuzzTable): RelationShapeSql & { readonly order: 'ordered' } {
  const outputs = random.chance(0.5) ? allColumns(table) : random.sample(allColumns(table), random.int(1, 3));
  const columns = [...table.keys, ...table.values].map((c) => c.name);
  const then = random.sample(columns, columns.length).map((c) => `${c}${random.chance(0.4) ? ' DESC' : ''}${nullsClause(random)}`);
  return { outputs, select: `SELECT ${selectList(outputs)} FROM t${whereClause(random, table, 0.25)} ORDER BY ts, ${then.join(', ')}`, order: 'ordered' };
}

/** OVER aggregations per key (or over everything) ordered by ts, with a ROWS or RANGE frame. */
export function overAggregation(random: Random, table: FuzzTable): RelationShapeSql {
  const partition = random.sample(table.keys, random.int(0, table.keys.length)).map((k) => k.name);
  const frame = random.pick([
    '',
    ' ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW',
    ` ROWS BETWEEN ${random.int(0, 3)} PRECEDING AND CURRENT ROW`,
    ` RANGE BETWEEN INTERVAL '${random.pick([1, 5, 30])}' SECOND PRECEDING AND CURRENT ROW`,
    ' RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW',
  ]);
  const window = `(${partition.length > 0 ? `PARTITION BY ${partition.join(', ')} ` : ''}ORDER BY ts${frame})`;
  const value = random.pick(table.values);
  const calls: Output[] = random.sample([
    { expression: `COUNT(*) OVER w`, type: 'BIGINT' },
    { expression: `COUNT(${value.name}) OVER w`, type: 'BIGINT' },
    { expression: `SUM(${value.name}) OVER w`, type: sumType(value.type) },
    { expression: `AVG(${value.name}) OVER w`, type: avgType(value.type) },
    { expression: `MIN(${value.name}) OVER w`, type: value.type },
    { expression: `MAX(${value.name}) OVER w`, type: value.type },
  ], random.int(1, 3));
  const outputs = [...allColumns(table), ...calls];
  return { outputs, select: `SELECT ${selectList(outputs)} FROM t${whereClause(random, table, 0.25)}\nWINDOW w AS ${window}` };
}
