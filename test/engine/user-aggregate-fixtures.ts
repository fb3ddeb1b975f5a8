/**
 * Fixtures for the user-defined aggregate function tests: an orders table and Flink's documentation example
 * `weighted_avg`, with or without its optional methods.
 */
import { Engine, type AggregateFunctionDefinition, type Change, type EngineOptions, type QueryResult } from '../../src/index.js';

export interface WeightedAvgAccumulator {
  sum: bigint;
  count: number;
}

/** Σ value·weight / Σ weight over the rows where neither is NULL; NULL for none. */
export function weightedAvg(methods: { retract?: boolean; merge?: boolean } = {}): AggregateFunctionDefinition<WeightedAvgAccumulator> {
  return {
    parameters: ['BIGINT', 'INT'],
    returns: 'DOUBLE',
    createAccumulator: () => ({ sum: 0n, count: 0 }),
    accumulate(acc, value, weight) {
      if (value === null || weight === null) return;
      acc.sum += (value as bigint) * BigInt(weight as number);
      acc.count += weight as number;
    },
    ...(methods.retract === false ? {} : {
      retract(acc: WeightedAvgAccumulator, value: unknown, weight: unknown) {
        if (value === null || weight === null) return;
        acc.sum -= (value as bigint) * BigInt(weight as number);
        acc.count -= weight as number;
      },
    }),
    ...(methods.merge === false ? {} : {
      merge(acc: WeightedAvgAccumulator, other: WeightedAvgAccumulator) {
        acc.sum += other.sum;
        acc.count += other.count;
      },
    }),
    getValue: (acc) => (acc.count === 0 ? null : Number(acc.sum) / acc.count),
  };
}

/** The same as `weighted_avg(price, qty)` with built-ins, to check window and OVER results against. */
export const BUILTIN_WEIGHTED_AVG = 'CAST(SUM(price * qty) AS DOUBLE) / SUM(CASE WHEN price IS NOT NULL THEN qty END)';

/** [item, price, qty, second of the minute]; in time order; a NULL price; watermark one second behind. */
export const ORDERS: readonly [string, bigint | null, number, number][] = [
  ['a', 10n, 1, 1], ['a', 20n, 3, 2], ['b', 5n, 2, 7], ['a', null, 2, 12], ['b', 7n, 1, 14], ['a', 30n, 1, 40], ['b', 5n, 2, 41],
];

export function ordersEngine(options: EngineOptions = {}): Engine {
  const engine = new Engine({ printLine: () => {}, ...options });
  engine.registerTable('orders', {
    columns: [{ name: 'item', type: 'STRING' }, { name: 'price', type: 'BIGINT' }, { name: 'qty', type: 'INT' }, { name: 'ts', type: 'TIMESTAMP(3)' }],
    rows: ORDERS.map(([item, price, qty, second]) => ({ item, price, qty, ts: `2020-01-01 00:00:${String(second).padStart(2, '0')}` })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  });
  engine.registerAggregateFunction('weighted_avg', weightedAvg());
  return engine;
}

/** Every change as `op v1 v2 …` (timestamps as hh:mm:ss), in arrival order. */
export async function changeLines(result: QueryResult): Promise<string[]> {
  const changes: Change[] = [];
  for await (const change of result) changes.push(change);
  return changes.map((c) => [c.op, ...Object.values(c.row).map(show)].join(' '));
}

/** Final rows as `v1 v2 …`, sorted. */
export async function rowLines(result: QueryResult): Promise<string[]> {
  return (await result.toArray()).map((row) => Object.values(row).map(show).join(' ')).sort();
}

function show(value: unknown): string {
  if (value === null) return 'null';
  const text = String(value);
  return /^2020-01-01 /.test(text) ? text.slice(11, 19) : text;
}
