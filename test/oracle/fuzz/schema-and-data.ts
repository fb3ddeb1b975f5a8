/**
 * Random tables for the differential fuzzer: a TIMESTAMP(3) rowtime with a random watermark delay, a few key
 * columns (STRING, INT) and value columns (INT, BIGINT, DOUBLE, DECIMAL) with NULLs, rows out of order (some late).
 */
import type { Random } from './random.js';

export type ValueType = 'INT' | 'BIGINT' | 'DOUBLE' | `DECIMAL(${number}, ${number})`;

export interface FuzzColumn {
  readonly name: string;
  readonly type: 'STRING' | ValueType;
}

export interface FuzzTable {
  readonly keys: readonly FuzzColumn[];
  readonly values: readonly FuzzColumn[];
  readonly delaySeconds: number;
  /** JSON objects, in arrival order; `ts` as 'yyyy-MM-dd HH:mm:ss.SSS'. */
  readonly rows: readonly Record<string, string | number | null>[];
}

const KEY_WORDS = ['a', 'b', 'c', 'Zoë', '東京', 'x y'];
const BASE_MILLIS = Date.UTC(2024, 0, 1, 0, 0, 0);

function timestampText(millis: number): string {
  return new Date(millis).toISOString().replace('T', ' ').replace('Z', '');
}

function randomValue(random: Random, type: FuzzColumn['type']): string | number | null {
  if (random.chance(0.15)) return null;
  switch (type) {
    case 'STRING': return random.pick(KEY_WORDS);
    case 'INT': return random.int(-50, 50);
    case 'BIGINT': return random.chance(0.2) ? random.pick([9007199254740993, -9007199254740993]) : random.int(-1000, 1000);
    case 'DOUBLE': return random.int(-2000, 2000) / random.pick([1, 4, 10, 1000]);
    default: {
      const scale = Number(/, (\d+)\)/.exec(type)![1]);
      return Number((random.int(-99999, 99999) / 10 ** scale).toFixed(scale));
    }
  }
}

export function randomTable(random: Random): FuzzTable {
  const keys: FuzzColumn[] = [{ name: 'k1', type: 'STRING' }];
  if (random.chance(0.5)) keys.push({ name: 'k2', type: 'INT' });
  const valueTypes: ValueType[] = ['INT', 'BIGINT', 'DOUBLE', 'DECIMAL(10, 2)', 'DECIMAL(12, 4)'];
  const values = random.sample(valueTypes, random.int(1, 3)).map((type, i) => ({ name: `v${i + 1}`, type }));
  const delaySeconds = random.pick([0, 1, 2, 5, 10]);
  const rows: Record<string, string | number | null>[] = [];
  let clock = BASE_MILLIS + random.int(0, 59) * 1000;
  const count = random.int(1, 25);
  for (let i = 0; i < count; i++) {
    clock += random.int(0, 4000);
    const jitter = random.chance(0.25) ? random.int(0, 15000) : 0;
    const row: Record<string, string | number | null> = { ts: timestampText(clock - jitter) };
    for (const key of keys) row[key.name] = random.chance(0.1) ? null : key.type === 'INT' ? random.int(1, 3) : random.pick(KEY_WORDS.slice(0, 4));
    for (const value of values) row[value.name] = randomValue(random, value.type);
    rows.push(row);
  }
  return { keys, values, delaySeconds, rows };
}

export function tableDdl(table: FuzzTable, file: string): string {
  const columns = ['ts TIMESTAMP(3)', ...[...table.keys, ...table.values].map((c) => `${c.name} ${c.type}`)];
  return `CREATE TABLE t (\n  ${columns.join(',\n  ')},\n  WATERMARK FOR ts AS ts - INTERVAL '${table.delaySeconds}' SECOND\n)`
    + ` WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json');\n`;
}

export function tableJsonLines(table: FuzzTable): string {
  return table.rows.map((row) => JSON.stringify(row) + '\n').join('');
}

const millisOf = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * The rows that are not late under per-record watermarks (each row after the largest `ts - delay` before it). For
 * shapes where Flink merges two inputs of the same source (window joins, UNION ALL): which side's watermark a Flink
 * task sees first depends on network buffer timing, so there only on-time rows give Flink a deterministic answer.
 */
export function withoutLateRows(table: FuzzTable): FuzzTable {
  let watermark = Number.NEGATIVE_INFINITY;
  const rows = table.rows.filter((row) => {
    const ts = millisOf(String(row['ts']));
    if (ts <= watermark) return false;
    watermark = Math.max(watermark, ts - table.delaySeconds * 1000);
    return true;
  });
  return { ...table, rows };
}
