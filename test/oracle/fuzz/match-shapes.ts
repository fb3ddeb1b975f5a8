/**
 * MATCH_RECOGNIZE shapes: 2–4 pattern variables with random quantifiers (greedy and reluctant, `{n}`, `{n,m}`),
 * DEFINE conditions comparing a value with other variables' rows, FIRST/LAST offsets and aggregates, MEASURES of
 * every kind (navigation, aggregates, MATCH_ROWTIME()), each AFTER MATCH strategy (or none) and sometimes WITHIN.
 * Only patterns Flink 1.20 runs are drawn: the last variable is plain or reluctant, and no optional variable follows
 * a greedy one with a variable count (Flink refuses both).
 */
import type { Output } from './expressions.js';
import type { Random } from './random.js';
import type { FuzzColumn, FuzzTable } from './schema-and-data.js';
import { avgType, sumType } from './sql-types.js';
import type { RelationShapeSql } from './window-relation-shapes.js';

interface Term {
  readonly variable: string;
  readonly quantifier: string;
  readonly min: number;
  readonly fixed: boolean;
  readonly reluctant: boolean;
}

const QUANTIFIERS: readonly (readonly [text: string, min: number, fixed: boolean])[] = [
  ['', 1, true], ['', 1, true], ['+', 1, false], ['*', 0, false], ['?', 0, false], ['{2}', 2, true], ['{1,2}', 1, false],
  ['{0,2}', 0, false], ['+?', 1, false], ['*?', 0, false], ['{1,3}?', 1, false],
];

function pattern(random: Random): Term[] {
  const variables = ['A', 'B', 'C', 'D'].slice(0, random.int(2, 4));
  const terms: Term[] = [];
  variables.forEach((variable, i) => {
    const last = i === variables.length - 1;
    const previous = terms[i - 1];
    const afterGreedy = previous !== undefined && !previous.fixed && !previous.reluctant;
    const allowed = QUANTIFIERS.filter(([text, min, fixed]) => {
      const reluctant = text.endsWith('?') && text.length > 1;
      if (last && !fixed && !reluctant) return false;
      if (afterGreedy && min === 0) return false;
      return i > 0 || min > 0;
    });
    const [text, min, fixed] = random.pick(allowed);
    terms.push({ variable, quantifier: text, min, fixed, reluctant: text.endsWith('?') && text.length > 1 });
  });
  return terms;
}

function condition(random: Random, variable: string, others: readonly string[], value: FuzzColumn, table: FuzzTable): string {
  const v = value.name;
  const other = random.pick(others);
  return random.pick([
    `${variable}.${v} > ${other}.${v}`,
    `${variable}.${v} < ${other}.${v}`,
    `${variable}.${v} >= 0`,
    `${variable}.${v} < 0`,
    `${variable}.${v} IS NOT NULL`,
    `(LAST(${variable}.${v}, 1) IS NULL OR ${variable}.${v} > LAST(${variable}.${v}, 1))`,
    `${variable}.${v} <= LAST(${v}, 1)`,
    `SUM(${variable}.${v}) < 100`,
    `COUNT(${variable}.${v}) <= 2`,
    `${variable}.k1 = ${random.pick(["'a'", "'b'", 'FIRST(k1)'])}`,
    `${variable}.${v} > ${other}.${v} OR ${variable}.k1 ${random.pick(['=', '<>'])} ${other}.k1`,
    `NOT (${variable}.${random.pick(table.values).name} < 0)`,
  ]);
}

function measures(random: Random, terms: readonly Term[], table: FuzzTable, partitioned: boolean): Output[] {
  const outputs: Output[] = [];
  const count = random.int(1, 4);
  for (let i = 0; i < count; i++) {
    const variable = random.pick(terms).variable;
    const value = random.pick(table.values);
    outputs.push(random.pick<Output>([
      { expression: `FIRST(${variable}.ts)`, type: 'TIMESTAMP(3)' },
      { expression: `LAST(${variable}.${value.name})`, type: value.type },
      { expression: `FIRST(${variable}.${value.name}, 1)`, type: value.type },
      { expression: `LAST(${value.name}, 1)`, type: value.type },
      { expression: `COUNT(${variable}.${value.name})`, type: 'BIGINT' },
      { expression: 'COUNT(*)', type: 'BIGINT' },
      { expression: `SUM(${variable}.${value.name})`, type: sumType(value.type) },
      { expression: `AVG(${value.name})`, type: avgType(value.type) },
      { expression: `MAX(${variable}.${value.name})`, type: value.type },
      // Flink 1.20 fails to compile a measure reading a partition column through a variable (CodeGenException).
      partitioned ? { expression: `MIN(${variable}.${value.name})`, type: value.type } : { expression: `${variable}.k1`, type: 'STRING' },
      { expression: 'MATCH_ROWTIME()', type: 'TIMESTAMP(3)' },
    ]));
  }
  return outputs;
}

/** `t MATCH_RECOGNIZE (…)`: one row per match, the partition keys then the measures. */
export function matchRecognize(random: Random, table: FuzzTable): RelationShapeSql {
  const partition = random.sample(table.keys, random.int(0, table.keys.length));
  const terms = pattern(random);
  const value = random.pick(table.values);
  const variables = terms.map((t) => t.variable);
  const defined = terms.filter(() => random.chance(0.7)).map((t) =>
    `${t.variable} AS ${condition(random, t.variable, variables.filter((v) => v !== t.variable), value, table)}`);
  const measured = measures(random, terms, table, partition.some((k) => k.name === 'k1'));
  const orderBy = random.chance(0.3) ? `ts, ${value.name} DESC` : 'ts';
  const laterMapped = terms.filter((t, i) => t.min > 0 && i > 0);
  const after = random.pick([
    '', 'AFTER MATCH SKIP PAST LAST ROW', 'AFTER MATCH SKIP TO NEXT ROW',
    `AFTER MATCH SKIP TO LAST ${random.pick(terms.filter((t) => t.min > 0)).variable}`,
    ...(laterMapped.length > 0 ? [`AFTER MATCH SKIP TO FIRST ${random.pick(laterMapped).variable}`] : []),
  ]);
  const within = random.chance(0.3) ? ` WITHIN INTERVAL '${random.pick([2, 5, 10, 30])}' SECOND` : '';
  const outputs: Output[] = [...partition.map((k) => ({ expression: k.name, type: k.type })), ...measured];
  const select = [
    `SELECT ${[...partition.map((k) => k.name), ...measured.map((_, i) => `m${i}`)].join(', ')} FROM t MATCH_RECOGNIZE (`,
    `  ${partition.length > 0 ? `PARTITION BY ${partition.map((k) => k.name).join(', ')} ` : ''}ORDER BY ${orderBy}`,
    `  MEASURES ${measured.map((m, i) => `${m.expression} AS m${i}`).join(', ')}`,
    `  ${after}`,
    `  PATTERN (${terms.map((t) => `${t.variable}${t.quantifier}`).join(' ')})${within}`,
    `  DEFINE ${defined.length > 0 ? defined.join(', ') : `${variables[0]} AS TRUE`}`,
    ')',
  ].join('\n');
  return { outputs, select };
}
