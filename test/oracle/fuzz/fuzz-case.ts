/**
 * One fuzz case: a random table and query written as a case folder, run through Flink (the oracle) and Sluice's CLI;
 * on a diff, rows are removed while the diff persists (a bounded delta-debugging pass) to get a small reproduction.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCase } from '../case-directory.js';
import { checkCase, oracleExpectation, type CaseVerdict, type SluiceRunner } from '../check-case.js';
import { writeExpected, type ExpectedResult } from '../expected-result.js';
import type { FlinkOracle } from '../flink-oracle.js';
import { Random } from './random.js';
import { randomQuery, type FuzzQuery, type QueryShape } from './random-query.js';
import { randomTable, tableDdl, tableJsonLines, withoutLateRows, type FuzzTable } from './schema-and-data.js';

export interface FuzzSpec {
  readonly table: FuzzTable;
  readonly query: FuzzQuery;
}

export type FuzzOutcome =
  | { readonly kind: 'agree'; readonly changes: number }
  | { readonly kind: 'oracle-error'; readonly message: string }
  | { readonly kind: 'diff'; readonly spec: FuzzSpec; readonly expected: ExpectedResult; readonly verdict: CaseVerdict };

/** Shapes whose Flink plan merges two inputs of t: they get on-time rows only (see `withoutLateRows`). */
const TWO_INPUT_SHAPES: ReadonlySet<QueryShape> = new Set(['join', 'union', 'rjoin', 'ijoin']);

/** The case of a seed; `shape` forces one grammar shape (the table is the same either way). */
export function generateSpec(seed: number, shape?: QueryShape): FuzzSpec {
  const random = new Random(seed);
  const table = randomTable(random);
  const query = randomQuery(random, table, shape);
  return { table: TWO_INPUT_SHAPES.has(query.shape) ? withoutLateRows(table) : table, query };
}

export function caseSql(spec: FuzzSpec, header: string): string {
  const sink = `CREATE TABLE sink (\n  ${spec.query.sinkColumns.join(',\n  ')}\n) WITH ('connector' = 'print');\n`;
  const views = spec.query.views.map((view) => `${view};\n\n`).join('');
  return `-- ${header}\n${tableDdl(spec.table, 'rows.json')}\n${sink}\n${views}INSERT INTO sink\n${spec.query.select};\n`;
}

export function writeSpec(dir: string, spec: FuzzSpec, header: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'case.sql'), caseSql(spec, header));
  writeFileSync(join(dir, 'rows.json'), tableJsonLines(spec.table));
}

/** Runs a spec in both engines: Sluice through its CLI (dist/, needs `npm run build`) or in-process (src/). */
export async function runSpec(oracle: FlinkOracle, spec: FuzzSpec, runner: SluiceRunner = 'cli'): Promise<FuzzOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-fuzz-'));
  writeSpec(dir, spec, 'fuzz');
  try {
    let expected: ExpectedResult;
    try {
      const answer = await oracleExpectation(oracle, readCase(dir));
      expected = spec.query.order ? { ...answer, order: spec.query.order } : answer;
    } catch (error) {
      return { kind: 'oracle-error', message: error instanceof Error ? error.message : String(error) };
    }
    const verdict = await checkCase(readCase(dir), expected, runner);
    return verdict.ok ? { kind: 'agree', changes: expected.changes.length } : { kind: 'diff', spec, expected, verdict };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes chunks of rows, then single rows, while the engines still disagree (at most `budget` reruns). */
export async function minimize(
  oracle: FlinkOracle, failing: FuzzOutcome & { kind: 'diff' }, runner: SluiceRunner = 'cli', budget = 30,
): Promise<FuzzOutcome & { kind: 'diff' }> {
  let best = failing;
  let runs = 0;
  for (let chunk = Math.ceil(best.spec.table.rows.length / 2); chunk >= 1 && runs < budget; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < best.spec.table.rows.length && runs < budget;) {
      const rows = best.spec.table.rows.filter((_, i) => i < start || i >= start + chunk);
      if (rows.length === 0) { start += chunk; continue; }
      const candidate: FuzzSpec = { ...best.spec, table: { ...best.spec.table, rows } };
      runs++;
      const outcome = await runSpec(oracle, candidate, runner);
      if (outcome.kind === 'diff') best = outcome;
      else start += chunk;
    }
  }
  return best;
}

/** Writes the reproduction as a corpus case, marked todo with the diff in NOTES.md. */
export function writeReproduction(dir: string, outcome: FuzzOutcome & { kind: 'diff' }, origin: string): void {
  writeSpec(dir, outcome.spec, `differential fuzzing: ${origin} (minimized)`);
  writeExpected(dir, outcome.expected);
  writeFileSync(join(dir, 'NOTES.md'), [
    `# ${origin}`,
    '',
    'Found by `npm run fuzz`: Sluice and Flink 1.20 (per-record watermarks) disagree on this minimized case.',
    '',
    'todo: Sluice differs from Flink here (found by the differential fuzzer); see the diff below',
    '',
    '```',
    outcome.verdict.report,
    '```',
    '',
  ].join('\n'));
}
