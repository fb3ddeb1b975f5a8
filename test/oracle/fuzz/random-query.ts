/**
 * Random queries over a fuzz table, from a grammar of what Sluice supports: TUMBLE window aggregation (with keys,
 * WHERE, HAVING), unbounded GROUP BY changelogs, and projections with CASE / CAST / COALESCE / IS NULL. Each output
 * column comes with the sink type Flink gives it, so the same script runs in both engines.
 */
import type { Random } from './random.js';
import type { FuzzColumn, FuzzTable } from './schema-and-data.js';

export interface FuzzQuery {
  readonly sinkColumns: readonly string[];
  readonly select: string;
}

interface Output {
  readonly expression: string;
  readonly type: string;
}

function sumType(type: FuzzColumn['type']): string {
  const decimal = /^DECIMAL\((\d+), (\d+)\)$/.exec(type);
  return decimal ? `DECIMAL(38, ${decimal[2]})` : type;
}

function avgType(type: FuzzColumn['type']): string {
  const decimal = /^DECIMAL\((\d+), (\d+)\)$/.exec(type);
  return decimal ? `DECIMAL(38, ${Math.max(6, Number(decimal[2]))})` : type;
}

function randomAggregate(random: Random, table: FuzzTable): Output {
  const value = random.pick(table.values);
  switch (random.int(0, 6)) {
    case 0: return { expression: 'COUNT(*)', type: 'BIGINT' };
    case 1: return { expression: `COUNT(${value.name})`, type: 'BIGINT' };
    case 2: return { expression: `COUNT(DISTINCT ${random.pick([...table.keys, value]).name})`, type: 'BIGINT' };
    case 3: return { expression: `SUM(${value.name})`, type: sumType(value.type) };
    case 4: return { expression: `AVG(${value.name})`, type: avgType(value.type) };
    case 5: return { expression: `MIN(${value.name})`, type: value.type };
    default: return { expression: `MAX(${value.name})`, type: value.type };
  }
}

function randomCondition(random: Random, table: FuzzTable): string {
  const value = random.pick(table.values);
  const conditions = [
    `${value.name} > 0`,
    `${value.name} IS NOT NULL`,
    `k1 <> 'a'`,
    `(${value.name} < 10 OR k1 = 'b')`,
    `NOT (${value.name} <= -5)`,
    `k1 IS NULL OR ${value.name} >= 1`,
  ];
  return random.pick(conditions);
}

function randomProjection(random: Random, table: FuzzTable): Output {
  const value = random.pick(table.values);
  const numeric = value.type === 'INT' || value.type === 'BIGINT' || value.type === 'DOUBLE';
  switch (random.int(0, 5)) {
    case 0: return { expression: `CASE WHEN ${value.name} > 0 THEN 'pos' WHEN ${value.name} < 0 THEN 'neg' ELSE 'zero-or-null' END`, type: 'STRING' };
    case 1: return { expression: `CAST(${value.name} AS STRING)`, type: 'STRING' };
    case 2: return { expression: `COALESCE(k1, 'none')`, type: 'STRING' };
    case 3: return { expression: `${value.name} IS NULL`, type: 'BOOLEAN' };
    case 4: return numeric ? { expression: `${value.name} * 2`, type: value.type } : { expression: value.name, type: value.type };
    default: return { expression: `k1 || '-' || CAST(${value.name} AS STRING)`, type: 'STRING' };
  }
}

function distinctAggregates(random: Random, table: FuzzTable): Output[] {
  const outputs: Output[] = [];
  const count = random.int(1, 4);
  for (let i = 0; i < count * 3 && outputs.length < count; i++) {
    const candidate = randomAggregate(random, table);
    if (!outputs.some((o) => o.expression === candidate.expression)) outputs.push(candidate);
  }
  return outputs;
}

export function randomQuery(random: Random, table: FuzzTable): FuzzQuery {
  const shape = random.pick(['window', 'window', 'window', 'group', 'project'] as const);
  const where = random.chance(0.35) ? ` WHERE ${randomCondition(random, table)}` : '';
  const keys = random.sample(table.keys, random.int(0, table.keys.length));
  const keyOutputs: Output[] = keys.map((k) => ({ expression: k.name, type: k.type }));
  let outputs: Output[];
  let sql: string;
  if (shape === 'project') {
    outputs = [{ expression: 'ts', type: 'TIMESTAMP(3)' }, ...Array.from({ length: random.int(1, 3) }, () => randomProjection(random, table))];
    sql = `SELECT ${outputs.map((o) => o.expression).join(', ')} FROM t${where}`;
  } else {
    const aggregates = distinctAggregates(random, table);
    const having = random.chance(0.2) ? ' HAVING COUNT(*) > 1' : '';
    if (shape === 'window') {
      const size = random.pick([1, 2, 5, 10, 30, 60]);
      outputs = [{ expression: 'window_start', type: 'TIMESTAMP(3)' }, { expression: 'window_end', type: 'TIMESTAMP(3)' }, ...keyOutputs, ...aggregates];
      const groupBy = ['window_start', 'window_end', ...keys.map((k) => k.name)].join(', ');
      sql = `SELECT ${outputs.map((o) => o.expression).join(', ')}\nFROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '${size}' SECOND))${where}\nGROUP BY ${groupBy}${having}`;
    } else {
      const groupKeys = keys.length > 0 ? keys : [table.keys[0]!];
      outputs = [...groupKeys.map((k) => ({ expression: k.name, type: k.type })), ...aggregates];
      sql = `SELECT ${outputs.map((o) => o.expression).join(', ')} FROM t${where} GROUP BY ${groupKeys.map((k) => k.name).join(', ')}${having}`;
    }
  }
  return { sinkColumns: outputs.map((o, i) => `c${i} ${o.type}`), select: sql };
}
