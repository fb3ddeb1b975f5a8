/**
 * Random expressions for the fuzzer: aggregates, WHERE conditions and scalar projections, each with the type Flink
 * derives for it. Only functions both engines support (Sluice rejects UPPER, LIKE, MOD(…) & co. as not supported yet).
 */
import type { Random } from './random.js';
import type { FuzzColumn, FuzzTable } from './schema-and-data.js';
import { arithmeticWithIntLiteralType, avgType, isIntegral, sumType } from './sql-types.js';

/** One output column: its SQL text and the sink type it is written into. */
export interface Output {
  readonly expression: string;
  readonly type: string;
}

export function randomAggregate(random: Random, table: FuzzTable, qualifier = ''): Output {
  const value = random.pick(table.values);
  const name = `${qualifier}${value.name}`;
  switch (random.int(0, 6)) {
    case 0: return { expression: 'COUNT(*)', type: 'BIGINT' };
    case 1: return { expression: `COUNT(${name})`, type: 'BIGINT' };
    case 2: return { expression: `COUNT(DISTINCT ${qualifier}${random.pick([...table.keys, value]).name})`, type: 'BIGINT' };
    case 3: return { expression: `SUM(${name})`, type: sumType(value.type) };
    case 4: return { expression: `AVG(${name})`, type: avgType(value.type) };
    case 5: return { expression: `MIN(${name})`, type: value.type };
    default: return { expression: `MAX(${name})`, type: value.type };
  }
}

/** One to four different aggregates. */
export function distinctAggregates(random: Random, table: FuzzTable, qualifier = ''): Output[] {
  const outputs: Output[] = [];
  const count = random.int(1, 4);
  for (let i = 0; i < count * 3 && outputs.length < count; i++) {
    const candidate = randomAggregate(random, table, qualifier);
    if (!outputs.some((o) => o.expression === candidate.expression)) outputs.push(candidate);
  }
  return outputs;
}

function keyCondition(random: Random, table: FuzzTable): string {
  const k2 = table.keys.find((k) => k.name === 'k2');
  const conditions = [`k1 <> 'a'`, `k1 IN ('a', 'c')`, `k1 NOT IN ('b')`, `k1 = 'Zoë'`, `k1 IS NULL`];
  if (k2) conditions.push('k2 IN (1, 3)', 'k2 BETWEEN 2 AND 3', 'k2 <> 2 OR k2 IS NULL');
  return random.pick(conditions);
}

function valueCondition(random: Random, value: FuzzColumn): string {
  const name = value.name;
  const conditions = [
    `${name} > 0`,
    `${name} IS NOT NULL`,
    `(${name} < 10 OR k1 = 'b')`,
    `NOT (${name} <= -5)`,
    `k1 IS NULL OR ${name} >= 1`,
    `${name} BETWEEN -20 AND 20`,
    `${name} NOT BETWEEN -3 AND 3`,
    `${name} * 2 > ${name} + 1`,
  ];
  if (isIntegral(value.type)) conditions.push(`${name} % 2 = 0`, `${name} IN (1, 2, 3, -1)`, `${name} / 3 <> 0`);
  return random.pick(conditions);
}

export function randomCondition(random: Random, table: FuzzTable): string {
  if (random.chance(0.3)) return keyCondition(random, table);
  if (table.values.length >= 2 && random.chance(0.15)) {
    const [a, b] = random.sample(table.values, 2);
    return `${a!.name} < ${b!.name}`;
  }
  const condition = valueCondition(random, random.pick(table.values));
  return random.chance(0.15) ? `${condition} AND ${keyCondition(random, table)}` : condition;
}

function numericProjection(random: Random, value: FuzzColumn): Output {
  const name = value.name;
  const op = random.pick(['+', '-', '*', '/'] as const);
  const literal = random.pick([1, 2, 3, 4, 7]);
  switch (random.int(0, 5)) {
    case 0: return { expression: `${name} ${op} ${literal}`, type: arithmeticWithIntLiteralType(value.type, op) };
    case 1: return isIntegral(value.type) ? { expression: `${name} % ${literal}`, type: 'INT' } : { expression: `-${name}`, type: value.type };
    case 2: return { expression: `NULLIF(${name}, 0)`, type: value.type };
    case 3: return { expression: `${name} BETWEEN -10 AND 10`, type: 'BOOLEAN' };
    case 4: return { expression: `IF(${name} > 0, 'up', k1)`, type: 'STRING' };
    default: return { expression: `${name} >= 0 AND ${name} < 100`, type: 'BOOLEAN' };
  }
}

/** String functions over k1 (NULLs, 'Zoë'): case mapping, lengths, substrings, padding, search, LIKE, hashing. */
function stringProjection(random: Random, value: FuzzColumn): Output {
  const text = `CAST(${value.name} AS STRING)`;
  return random.pick<Output>([
    { expression: 'UPPER(k1)', type: 'STRING' },
    { expression: `LOWER(COALESCE(k1, 'NONE'))`, type: 'STRING' },
    { expression: 'CHAR_LENGTH(k1)', type: 'INT' },
    { expression: `SUBSTRING(k1 FROM ${random.int(1, 3)})`, type: 'STRING' },
    { expression: `SUBSTRING(k1, ${random.int(1, 2)}, ${random.int(0, 2)})`, type: 'STRING' },
    { expression: `TRIM(BOTH 'a' FROM k1)`, type: 'STRING' },
    { expression: `CONCAT(k1, '/', ${text})`, type: 'STRING' },
    { expression: `CONCAT_WS('-', k1, ${text}, 'z')`, type: 'STRING' },
    { expression: `LPAD(k1, ${random.int(0, 5)}, '*.')`, type: 'STRING' },
    { expression: `RPAD(${text}, ${random.int(1, 8)}, '0')`, type: 'STRING' },
    { expression: `POSITION('${random.pick(['o', 'ë', 'b', ''])}' IN k1)`, type: 'INT' },
    { expression: `REPLACE(k1, '${random.pick(['a', 'ë', 'Z'])}', '<>')`, type: 'STRING' },
    { expression: `k1 LIKE '${random.pick(['Z%', '_', '%o_', 'a%', '%'])}'`, type: 'BOOLEAN' },
    { expression: 'INITCAP(k1)', type: 'STRING' },
    { expression: 'MD5(k1)', type: 'STRING' },
  ]);
}

/** Math functions over a value column. */
function mathProjection(random: Random, value: FuzzColumn): Output {
  const name = value.name;
  const choices: Output[] = [
    { expression: `ABS(${name})`, type: value.type },
    { expression: `POWER(${name}, 2)`, type: 'DOUBLE' },
    { expression: `SQRT(ABS(${name}))`, type: 'DOUBLE' },
  ];
  if (isIntegral(value.type)) choices.push({ expression: `MOD(${name}, ${random.pick([2, 3, 7])})`, type: 'INT' });
  if (value.type === 'DOUBLE') choices.push({ expression: `ROUND(${name}, 1)`, type: 'DOUBLE' }, { expression: `FLOOR(${name})`, type: 'DOUBLE' });
  return random.pick(choices);
}

export function randomProjection(random: Random, table: FuzzTable): Output {
  const value = random.pick(table.values);
  if (random.chance(0.3)) return random.chance(0.6) ? stringProjection(random, value) : mathProjection(random, value);
  switch (random.int(0, 9)) {
    case 0: return { expression: `CASE WHEN ${value.name} > 0 THEN 'pos' WHEN ${value.name} < 0 THEN 'neg' ELSE 'zero-or-null' END`, type: 'STRING' };
    case 1: return { expression: `CAST(${value.name} AS STRING)`, type: 'STRING' };
    case 2: return { expression: `COALESCE(k1, 'none')`, type: 'STRING' };
    case 3: return { expression: `${value.name} IS NULL`, type: 'BOOLEAN' };
    case 4: return { expression: `k1 IN ('a', 'b')`, type: 'BOOLEAN' };
    case 5: return { expression: `k1 || '-' || CAST(${value.name} AS STRING)`, type: 'STRING' };
    case 6: return { expression: `CASE k1 WHEN 'a' THEN 1 WHEN 'b' THEN 2 END`, type: 'INT' };
    default: return numericProjection(random, value);
  }
}
