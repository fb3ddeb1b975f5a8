/**
 * Non-window join shapes: the regular join of t with itself (INNER / LEFT / RIGHT / FULL on k1, sometimes k2, with a
 * residual condition at times) — an updating result whose two inputs Flink reads in an order that depends on timing,
 * so it is compared as a final table — and the event-time interval join of t with itself (append-only, outer rows
 * padded when their interval closes; fed on-time rows, as every two-input shape is).
 */
import { selectList } from './aggregation-shapes.js';
import { randomCondition, type Output } from './expressions.js';
import type { Random } from './random.js';
import type { FuzzTable } from './schema-and-data.js';
import type { RelationShapeSql } from './window-relation-shapes.js';

const JOIN_TYPES = ['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL OUTER JOIN'] as const;

function sides(random: Random, table: FuzzTable): { outputs: Output[]; keys: string } {
  const [left, right] = [random.pick(table.values), random.pick(table.values)];
  const outputs: Output[] = [
    { expression: 'L.k1', type: 'STRING' },
    { expression: 'R.k1', type: 'STRING' },
    { expression: `L.${left!.name}`, type: left!.type },
    { expression: `R.${right!.name}`, type: right!.type },
  ];
  const k2 = table.keys.some((k) => k.name === 'k2') && random.chance(0.3) ? ' AND L.k2 = R.k2' : '';
  return { outputs, keys: `L.k1 = R.k1${k2}` };
}

const side = (random: Random, table: FuzzTable, name: string): string =>
  random.chance(0.4) ? `(SELECT * FROM t WHERE ${randomCondition(random, table)}) ${name}` : `t ${name}`;

/** `t L <join> t R ON L.k1 = R.k1 [AND L.k2 = R.k2] [AND L.v < R.v]`: compared as final tables. */
export function regularJoin(random: Random, table: FuzzTable): RelationShapeSql & { readonly order: 'final' } {
  const { outputs, keys } = sides(random, table);
  const value = random.pick(table.values).name;
  const residual = random.chance(0.3) ? ` AND L.${value} < R.${value}` : '';
  const select = `SELECT ${selectList(outputs)}\nFROM ${side(random, table, 'L')}\n${random.pick(JOIN_TYPES)} ${side(random, table, 'R')}\nON ${keys}${residual}`;
  return { outputs, select, order: 'final' };
}

/** `… ON L.k1 = R.k1 AND L.ts BETWEEN R.ts - INTERVAL a AND R.ts + INTERVAL b` (or the `>=` / `<` forms). */
export function intervalJoin(random: Random, table: FuzzTable): RelationShapeSql {
  const { outputs, keys } = sides(random, table);
  const before = random.pick([0, 1, 2, 5, 10]);
  const after = random.pick([0, 1, 3]);
  const time = random.pick([
    `L.ts BETWEEN R.ts - INTERVAL '${before}' SECOND AND R.ts + INTERVAL '${after}' SECOND`,
    `L.ts >= R.ts - INTERVAL '${before}' SECOND AND L.ts < R.ts + INTERVAL '${after + 1}' SECOND`,
    `R.ts > L.ts - INTERVAL '${after + 1}' SECOND AND R.ts <= L.ts + INTERVAL '${before}' SECOND`,
  ]);
  const withTimes: Output[] = [{ expression: 'L.ts', type: 'TIMESTAMP(3)' }, { expression: 'R.ts', type: 'TIMESTAMP(3)' }, ...outputs];
  const select = `SELECT ${selectList(withTimes)}\nFROM ${side(random, table, 'L')}\n${random.pick(JOIN_TYPES)} ${side(random, table, 'R')}\nON ${keys} AND ${time}`;
  return { outputs: withTimes, select };
}
