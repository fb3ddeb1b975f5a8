/**
 * Aggregating query shapes: window TVF aggregation (any window, GROUPING SETS / ROLLUP / CUBE over the aligned
 * ones), legacy group windows (`GROUP BY TUMBLE(ts, …)`), unbounded GROUP BY changelogs, and plain projections.
 */
import { distinctAggregates, randomCondition, randomProjection, type Output } from './expressions.js';
import type { Random } from './random.js';
import type { FuzzColumn, FuzzTable } from './schema-and-data.js';
import { randomLegacyGroupWindow, randomWindowTvf, type WindowOptions } from './windows.js';

export interface ShapeSql {
  readonly outputs: readonly Output[];
  readonly select: string;
}

export const selectList = (outputs: readonly Output[]): string => outputs.map((o) => o.expression).join(', ');

export function whereClause(random: Random, table: FuzzTable, probability = 0.35): string {
  return random.chance(probability) ? ` WHERE ${randomCondition(random, table)}` : '';
}

const havingClause = (random: Random): string => (random.chance(0.2) ? ' HAVING COUNT(*) > 1' : '');

export const keyOutputs = (keys: readonly FuzzColumn[]): Output[] => keys.map((k) => ({ expression: k.name, type: k.type }));

const WINDOW_BOUNDS: readonly Output[] = [
  { expression: 'window_start', type: 'TIMESTAMP(3)' },
  { expression: 'window_end', type: 'TIMESTAMP(3)' },
];

function groupingSets(random: Random, keys: readonly string[]): string {
  const list = keys.join(', ');
  switch (random.int(0, 3)) {
    case 0: return `ROLLUP(${list})`;
    case 1: return `CUBE(${list})`;
    case 2: return `GROUPING SETS ((${list}), ())`;
    default: return `GROUPING SETS ((${list}), (${keys[0]!}), ())`;
  }
}

/** `SELECT window_start, window_end, keys…, aggregates… FROM TABLE(<window>) [WHERE] GROUP BY … [HAVING]`. */
export function windowAggregation(random: Random, table: FuzzTable, options: WindowOptions & { allowGroupingSets?: boolean } = {}): ShapeSql {
  const window = randomWindowTvf(random, { partitionCandidates: table.keys.map((k) => k.name), ...options });
  // A SESSION is grouped by exactly its PARTITION BY keys: otherwise Flink does not fuse the aggregation and
  // answers with a changelog (test/conformance/fuzz-session-group-keys-*).
  const keys = window.kind === 'SESSION'
    ? table.keys.filter((k) => window.partitionKeys.includes(k.name))
    : random.sample(table.keys, random.int(0, table.keys.length));
  const aggregates = distinctAggregates(random, table);
  const useGroupingSets = options.allowGroupingSets !== false && window.kind !== 'SESSION' && keys.length > 0 && random.chance(0.25);
  const grouping: Output[] = useGroupingSets && random.chance(0.5) ? [{ expression: `GROUPING(${keys[0]!.name})`, type: 'BIGINT' }] : [];
  const outputs = [...WINDOW_BOUNDS, ...keyOutputs(keys), ...grouping, ...aggregates];
  const keyList = keys.map((k) => k.name);
  const groupBy = useGroupingSets
    ? `window_start, window_end, ${groupingSets(random, keyList)}`
    : ['window_start', 'window_end', ...keyList].join(', ');
  const select = `SELECT ${selectList(outputs)}\nFROM ${window.sql}${whereClause(random, table)}\nGROUP BY ${groupBy}${havingClause(random)}`;
  return { outputs, select };
}

/** `SELECT TUMBLE_START(ts, …), TUMBLE_END(ts, …), keys…, aggregates… FROM t GROUP BY TUMBLE(ts, …), keys…`. */
export function legacyGroupWindowAggregation(random: Random, table: FuzzTable): ShapeSql {
  const window = randomLegacyGroupWindow(random);
  const keys = random.sample(table.keys, random.int(0, table.keys.length));
  const bounds: Output[] = [{ expression: window.start, type: 'TIMESTAMP(3)' }, { expression: window.end, type: 'TIMESTAMP(3)' }];
  const outputs = [...(random.chance(0.5) ? bounds : bounds.slice(1)), ...keyOutputs(keys), ...distinctAggregates(random, table)];
  const groupBy = [window.groupBy, ...keys.map((k) => k.name)].join(', ');
  return { outputs, select: `SELECT ${selectList(outputs)}\nFROM t${whereClause(random, table)}\nGROUP BY ${groupBy}${havingClause(random)}` };
}

/** An unbounded GROUP BY: a changelog of updates. */
export function groupAggregation(random: Random, table: FuzzTable): ShapeSql {
  const chosen = random.sample(table.keys, random.int(0, table.keys.length));
  const keys = chosen.length > 0 ? chosen : [table.keys[0]!];
  const outputs = [...keyOutputs(keys), ...distinctAggregates(random, table)];
  const select = `SELECT ${selectList(outputs)} FROM t${whereClause(random, table)} GROUP BY ${keys.map((k) => k.name).join(', ')}${havingClause(random)}`;
  return { outputs, select };
}

export function projection(random: Random, table: FuzzTable): ShapeSql {
  const outputs = [{ expression: 'ts', type: 'TIMESTAMP(3)' }, ...Array.from({ length: random.int(1, 4) }, () => randomProjection(random, table))];
  return { outputs, select: `SELECT ${selectList(outputs)} FROM t${whereClause(random, table)}` };
}
