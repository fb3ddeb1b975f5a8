/**
 * ORDER BY an event-time attribute without LIMIT (Flink's temporal sort): rows leave in time order as the watermark
 * passes them, rows of one time ordered by the next keys; late rows are dropped and logged; batch-size independence;
 * the time attribute survives (a window can follow); processing time; EXPLAIN; the errors; a savepoint mid-stream resumes exactly
 * once. (Flink's answer: test/conformance/temporal-sort.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanError } from '../../src/common/errors.js';
import { Engine, type EngineOptions, type Row } from '../../src/index.js';
import { runWithSavepointMidStream } from '../support/job-output.js';

// [second, x]: the watermark trails the largest time by 2 s.
const ROWS: readonly [number, number][] = [[5, 1], [3, 2], [4, 3], [9, 4], [4, 5], [6, 6], [6, 7], [12, 8], [12, 9], [11, 10]];

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('T', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'x', type: 'INT' }],
    rows: ROWS.map(([s, x]) => ({ ts: `2024-01-01 00:00:${String(s).padStart(2, '0')}`, x })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '2' SECOND" },
  });
  return e;
}

const text = (rows: readonly Row[]): string[] => rows.map((r) => Object.values(r).map((v) => String(v).replace('2024-01-01 00:00:', '').replace('.000', '')).join(' '));

for (const batchSize of ['1', '3', '4096']) {
  test(`rows leave in time order, ties by the next key; a row at or below the last time emitted is late (batch size ${batchSize})`, async () => {
    const e = engine({ config: { 'sluice.batch-size': batchSize } });
    const result = e.query('SELECT x, ts FROM T ORDER BY ts, x DESC');
    assert.equal(result.updating, false);
    // x = 5 (04 s) arrives after 05 s was emitted: late. x = 6 and 7 (06 s) arrive behind the watermark (07 s) but
    // ahead of everything emitted: sorted in, as in Flink.
    assert.deepEqual(text(await result.toArray()), ['2 03', '3 04', '1 05', '7 06', '6 06', '4 09', '10 11', '9 12', '8 12']);
    const summary = await result.done();
    assert.deepEqual(summary.tables.map((t) => `${t.table} ${t.lateRecords}`), ['T 1']);
    const late = await e.query('SELECT x, late_reason, late_operator FROM `T$late`').toArray();
    assert.deepEqual(late.map((r) => [r['x'], r['late_reason']]), [[5, 'late']]);
    assert.match(String(late[0]!['late_operator']), /^TemporalSort#\d+$/);
  });
}

test('ORDER BY a time attribute the query does not select; the sorted stream keeps its time attribute for a window', async () => {
  const e = engine();
  assert.deepEqual(text(await e.query('SELECT x FROM T ORDER BY T.ts').toArray()), ['2', '3', '1', '6', '7', '4', '10', '8', '9']);
  await e.execute('CREATE VIEW sorted AS SELECT ts, x FROM T ORDER BY ts');
  const windows = await e.query(`SELECT window_start, COUNT(*) AS n, SUM(x) AS s
    FROM TABLE(TUMBLE(TABLE sorted, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(text(windows), ['00 2 5', '05 4 18', '10 3 27']);
});

test('EXPLAIN: a TemporalSort behind a single-instance exchange, append-only', () => {
  const plan = engine().explain('SELECT x FROM T ORDER BY ts, x DESC');
  assert.match(plan, /TemporalSort\(orderBy=\[ts ASC, x DESC\], emit=\[rows of a time when watermark >= it\], late=\[dropped, counted for T\]\)\n\s+\+- Exchange\(distribution=\[single\]\)/);
  assert.match(plan, /append-only \(\+I\): x INT/);
});

test('ORDER BY a processing-time attribute: rows arriving together are ordered by the next keys, at once', async () => {
  const sql = 'SELECT x FROM (SELECT x, PROCTIME() AS pt FROM T) ORDER BY pt, x DESC';
  const together = await engine().query(sql).toArray();
  assert.deepEqual(together.map((r) => r['x']), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  const oneByOne = await engine({ config: { 'sluice.batch-size': '1' } }).query(sql).toArray();
  assert.deepEqual(oneByOne.map((r) => r['x']), ROWS.map(([, x]) => x));
  assert.match(engine().explain(sql), /TemporalSort\(orderBy=\[pt ASC, x DESC\], emit=\[rows arriving together, as they arrive\]\)/);
});

test('errors: a first key that is no time attribute, DESC, an updating input', () => {
  const e = engine();
  const fails = (sql: string, kind: typeof PlanError, pattern: RegExp): void =>
    assert.throws(() => e.explain(sql), (error: unknown) => error instanceof kind && pattern.test(error.message), sql);
  fails('SELECT x FROM T ORDER BY x', PlanError, /must sort by an ascending time attribute first \(as in Flink\), but the first key is INT at 1:26 /);
  fails('SELECT x FROM T ORDER BY ts DESC', PlanError, /DESC cannot be emitted before the stream ends at 1:26 /);
  fails('SELECT x, ts FROM (SELECT x, ts + INTERVAL \'1\' SECOND AS ts FROM T) ORDER BY ts', PlanError, /but the first key is TIMESTAMP\(3\)/);
  fails('SELECT x, MAX(ts) AS ts FROM T GROUP BY x ORDER BY ts', PlanError, /but GROUP BY without a window makes this one updating/);
  fails('SELECT a.x, a.ts FROM T a LEFT JOIN T b ON a.x = b.x ORDER BY a.ts', PlanError, /sorts an append-only input by time, but a regular LEFT OUTER JOIN makes this one updating/);
});

test('a savepoint mid-stream, resumed: every row exactly once, each committed file in time order', async () => {
  const events = 20_000;
  const setUp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-temporal-sort-'));
    const lines: string[] = [];
    for (let i = 0; i < events; i++) {
      // 100 ms apart, every third row 300 ms behind: out of order, never late under a 1 s watermark delay.
      const ts = new Date(Date.UTC(2026, 0, 1) + i * 100 - (i % 3 === 2 ? 300 : 0)).toISOString().replace('T', ' ').replace('Z', '');
      lines.push(JSON.stringify({ id: i, ts }));
    }
    writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
    return dir;
  };
  const ddl = `SET 'execution.checkpointing.interval' = '20 ms';
    SET 'pipeline.name' = 'sorted';
    SET 'state.backend' = 'sqlite';
    CREATE TABLE events (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
      WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
    CREATE TABLE sorted (ts TIMESTAMP(3), id BIGINT) WITH ('connector' = 'filesystem', 'path' = 'sorted', 'format' = 'csv');`;
  const insert = 'INSERT INTO sorted SELECT ts, id FROM events ORDER BY ts, id';
  const { expected, beforeResume, resumed, summary, dir } = await runWithSavepointMidStream({ setUp, ddl, insert, jobName: 'sorted', sink: 'sorted', stopAfter: 500 });
  assert.equal(expected.length, events);
  assert.ok(beforeResume.length < events, 'stopped early');
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
  assert.deepEqual(resumed, expected);
  const out = join(dir, 'sorted');
  for (const file of readdirSync(out).filter((f) => !f.startsWith('.'))) {
    const times = readFileSync(join(out, file), 'utf8').split('\n').filter(Boolean).map((line) => line.split(',')[0]!);
    assert.deepEqual(times, [...times].sort(), `${file} is in time order`);
  }
});
