/**
 * Query shapes built around window TVFs beyond aggregation: window Top-N over a window aggregation, window
 * deduplication, the window self-join of t (INNER / LEFT / RIGHT / FULL), and window aggregation over a UNION ALL
 * of two selections of t (as a view). Orders are made total (ties broken by every key) so both engines must agree.
 */
import { windowAggregation, whereClause, selectList, type ShapeSql } from './aggregation-shapes.js';
import { distinctAggregates, randomCondition, type Output } from './expressions.js';
import type { Random } from './random.js';
import type { FuzzTable } from './schema-and-data.js';
import { randomWindowTvf, type WindowKind } from './windows.js';

const ALIGNED: readonly WindowKind[] = ['TUMBLE', 'HOP', 'CUMULATE'];

export interface RelationShapeSql extends ShapeSql {
  /** Statements run before the INSERT (CREATE VIEW …). */
  readonly views?: readonly string[];
}

/** Top-N rows per window of a keyed window aggregation, by one aggregate then the keys. */
export function windowTopN(random: Random, table: FuzzTable): RelationShapeSql {
  const window = randomWindowTvf(random, { kinds: ALIGNED });
  const keys = random.sample(table.keys, random.int(1, table.keys.length));
  const aggregates = distinctAggregates(random, table).map((a, i) => ({ ...a, alias: `a${i}` }));
  const inner = `SELECT window_start, window_end, ${keys.map((k) => k.name).join(', ')}, ${aggregates.map((a) => `${a.expression} AS ${a.alias}`).join(', ')}`
    + `\n    FROM ${window.sql}${whereClause(random, table, 0.25)}\n    GROUP BY window_start, window_end, ${keys.map((k) => k.name).join(', ')}`;
  const direction = random.pick(['DESC', 'ASC']);
  const order = [`${random.pick(aggregates).alias} ${direction}`, ...keys.map((k) => k.name)].join(', ');
  const limit = random.pick([1, 2, 3]);
  const outputs: Output[] = [
    { expression: 'window_start', type: 'TIMESTAMP(3)' },
    { expression: 'window_end', type: 'TIMESTAMP(3)' },
    ...keys.map((k) => ({ expression: k.name, type: k.type })),
    ...aggregates.map((a) => ({ expression: a.alias, type: a.type })),
    ...(random.chance(0.6) ? [{ expression: 'rownum', type: 'BIGINT' }] : []),
  ];
  const select = `SELECT ${selectList(outputs)} FROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY ${order}) AS rownum\n`
    + `  FROM (${inner})\n) WHERE rownum <= ${limit}`;
  return { outputs, select };
}

/** The first (ts ASC) or last (ts DESC) row of each window, optionally per key. */
export function windowDeduplication(random: Random, table: FuzzTable): RelationShapeSql {
  const window = randomWindowTvf(random, { kinds: ALIGNED });
  const partitionKeys = random.sample(table.keys, random.int(0, table.keys.length)).map((k) => k.name);
  const partition = ['window_start', 'window_end', ...partitionKeys].join(', ');
  const direction = random.pick(['ASC', 'DESC']);
  const outputs: Output[] = [
    { expression: 'ts', type: 'TIMESTAMP(3)' },
    ...table.keys.map((k) => ({ expression: k.name, type: k.type })),
    ...table.values.map((v) => ({ expression: v.name, type: v.type })),
    { expression: 'window_start', type: 'TIMESTAMP(3)' },
    { expression: 'window_end', type: 'TIMESTAMP(3)' },
  ];
  const filter = random.pick(['rownum = 1', 'rownum <= 1', 'rownum < 2']);
  const select = `SELECT ${selectList(outputs)} FROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ts ${direction}) AS rownum\n`
    + `  FROM ${window.sql}${whereClause(random, table, 0.2)}\n) WHERE ${filter}`;
  return { outputs, select };
}

/** t joined with itself on k1 and the bounds of the same window. */
export function windowJoin(random: Random, table: FuzzTable): RelationShapeSql {
  const window = randomWindowTvf(random, { kinds: ALIGNED });
  const join = random.pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL OUTER JOIN'] as const);
  const side = (name: string): string => {
    const filter = random.chance(0.4) ? ` WHERE ${randomCondition(random, table)}` : '';
    return `(SELECT * FROM ${window.sql}${filter}) ${name}`;
  };
  const bound = (column: string): string => {
    if (join === 'RIGHT JOIN') return `R.${column}`;
    if (join === 'FULL OUTER JOIN') return `COALESCE(L.${column}, R.${column})`;
    return `L.${column}`;
  };
  const [left, right] = [random.pick(table.values), random.pick(table.values)];
  const outputs: Output[] = [
    { expression: bound('window_start'), type: 'TIMESTAMP(3)' },
    { expression: bound('window_end'), type: 'TIMESTAMP(3)' },
    { expression: 'L.k1', type: 'STRING' },
    { expression: 'R.k1', type: 'STRING' },
    { expression: `L.${left!.name}`, type: left!.type },
    { expression: `R.${right!.name}`, type: right!.type },
  ];
  const k2 = table.keys.some((k) => k.name === 'k2') && random.chance(0.3) ? ' AND L.k2 = R.k2' : '';
  const select = `SELECT ${selectList(outputs)}\nFROM ${side('L')}\n${join} ${side('R')}\n`
    + `ON L.k1 = R.k1${k2} AND L.window_start = R.window_start AND L.window_end = R.window_end`;
  return { outputs, select };
}

/** A window aggregation over the view `u`: two selections of t (filtered differently) under UNION ALL. */
export function unionWindowAggregation(random: Random, table: FuzzTable): RelationShapeSql {
  const columns = ['ts', ...table.keys.map((k) => k.name), ...table.values.map((v) => v.name)].join(', ');
  const branch = (): string => `SELECT ${columns} FROM t${whereClause(random, table, 0.6)}`;
  const view = `CREATE VIEW u AS\n${branch()}\nUNION ALL\n${branch()}`;
  const aggregation = windowAggregation(random, table, { source: 'u', allowGroupingSets: false });
  return { ...aggregation, views: [view] };
}
