/**
 * Filter / project benchmark: the same queries with the vector kernels on and off (`SET
 * 'sluice.expressions.vectorized'`), over Arrow batches built in memory before the clock starts (4096 rows each)
 * → Calc → blackhole. Prints a markdown table of rows/s (median of the runs).
 *
 *   npm run bench:expressions -- [--rows 4000000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import type { RecordBatch } from 'apache-arrow';
import { Engine, type JobSummary } from '../src/index.js';
import { makeBatch } from '../src/runtime/batch.js';
import type { DataType } from '../src/common/types.js';

const COLUMNS: readonly { name: string; type: string; runtime: DataType }[] = [
  { name: 'id', type: 'BIGINT', runtime: { kind: 'BIGINT' } },
  { name: 'qty', type: 'INT', runtime: { kind: 'INT' } },
  { name: 'price', type: 'DOUBLE', runtime: { kind: 'DOUBLE' } },
  { name: 'ts', type: 'TIMESTAMP(3)', runtime: { kind: 'TIMESTAMP', precision: 3 } },
  { name: 'tag', type: 'STRING', runtime: { kind: 'STRING' } },
];

const QUERIES: readonly { name: string; sql: string; sink: string }[] = [
  { name: 'filter BIGINT (MOD = 0, 1 in 123 kept)', sql: 'SELECT id, price FROM t WHERE MOD(id, 123) = 0', sink: 'id BIGINT, price DOUBLE' },
  {
    name: 'filter range (40% kept), bare columns',
    sql: 'SELECT id, qty, price, ts, tag FROM t WHERE price > 50 AND qty < 80',
    sink: 'id BIGINT, qty INT, price DOUBLE, ts TIMESTAMP(3), tag STRING',
  },
  {
    name: 'project arithmetic, no filter',
    sql: "SELECT id + 1 AS a, qty * 2 AS b, price * 0.9 AS c, ts + INTERVAL '1' SECOND AS d FROM t",
    sink: 'a BIGINT, b INT, c DOUBLE, d TIMESTAMP(3)',
  },
  {
    name: 'filter + project',
    sql: 'SELECT id * 2 AS a, price / qty AS b FROM t WHERE qty > 10 AND price < 90 AND id % 3 <> 0',
    sink: 'a BIGINT, b DOUBLE',
  },
];

function batches(rows: number): RecordBatch[] {
  const schema = { fields: COLUMNS.map((c) => ({ name: c.name, type: c.runtime, nullable: true })) };
  const out: RecordBatch[] = [];
  for (let from = 0; from < rows; from += 4096) {
    const n = Math.min(4096, rows - from);
    const ids: bigint[] = [], qty: number[] = [], price: number[] = [], ts: number[] = [], tag: string[] = [];
    for (let i = from; i < from + n; i++) {
      ids.push(BigInt(i * 7 + 3));
      qty.push((i * 31) % 100);
      price.push(((i * 17) % 1000) / 10);
      ts.push(1_700_000_000_000 + i);
      tag.push(`tag-${i % 50}`);
    }
    out.push(makeBatch(schema as never, [ids, qty, price, ts, tag], n));
  }
  return out;
}

async function run(query: (typeof QUERIES)[number], data: RecordBatch[], vectorized: boolean): Promise<JobSummary> {
  const engine = new Engine({ printLine: () => {}, config: { 'sluice.expressions.vectorized': String(vectorized) } });
  engine.registerTable('t', { columns: COLUMNS.map(({ name, type }) => ({ name, type })), batches: data });
  let summary: JobSummary | undefined;
  const script = `CREATE TABLE out (${query.sink}) WITH ('connector' = 'blackhole'); INSERT INTO out ${query.sql};`;
  for await (const { result } of engine.executeScript(script)) {
    if (result.kind === 'job') summary = await result.job.done();
  }
  await engine.close();
  if (!summary) throw new Error('no job ran');
  return summary;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '4000000' }, runs: { type: 'string', default: '3' } } });
  const rows = Number(values.rows);
  const runs = Number(values.runs);
  const data = batches(rows);
  console.log(`Filter/project over ${rows.toLocaleString('en-US')} in-memory rows (batches of 4096), median of ${runs} runs, Node ${process.version}\n`);
  console.log('| query | row kernels (rows/s) | vector kernels (rows/s) | speed-up |');
  console.log('|---|---:|---:|---:|');
  for (const query of QUERIES) {
    const rate: Record<string, number[]> = { off: [], on: [] };
    for (let r = 0; r < runs; r++) {
      for (const vectorized of [false, true]) {
        const summary = await run(query, data, vectorized);
        rate[vectorized ? 'on' : 'off']!.push(rows / (summary.elapsedMs / 1000));
      }
    }
    const off = median(rate.off!);
    const on = median(rate.on!);
    const n = (x: number): string => Math.round(x).toLocaleString('en-US');
    console.log(`| ${query.name} | ${n(off)} | ${n(on)} | ${(on / off).toFixed(1)}× |`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
