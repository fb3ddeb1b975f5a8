/**
 * MATCH_RECOGNIZE: the AFTER MATCH strategies of Flink's documentation (batch-size independence included), late
 * rows kept in `t$late`, MATCH_ROWTIME() feeding a window, processing time, EXPLAIN, the refusals (as Flink's), and
 * a savepoint mid-stream resumed on SQLite state with every match exactly once. Flink's answers:
 * test/conformance/match-recognize-*.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotImplementedError, PlanError, SqlSyntaxError } from '../../src/common/errors.js';
import { Engine, type EngineOptions, type Row } from '../../src/index.js';
import { runWithSavepointMidStream } from '../support/job-output.js';

// Flink's documentation, "After Match Strategy": prices of XYZ one second apart from 10:00:01.
const PRICES = [7, 9, 10, 5, 10, 7, 14];

function engine(options: EngineOptions = {}, rows: readonly { symbol: string; second: number; price: number }[] = PRICES.map((price, i) => ({ symbol: 'XYZ', second: i + 1, price }))): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('Ticker', {
    columns: [{ name: 'symbol', type: 'STRING' }, { name: 'rowtime', type: 'TIMESTAMP(3)' }, { name: 'price', type: 'BIGINT' }],
    rows: rows.map(({ symbol, second, price }) => ({ symbol, rowtime: `2018-09-17 10:00:${String(second).padStart(2, '0')}`, price })),
    watermark: { column: 'rowtime', expression: "rowtime - INTERVAL '1' SECOND" },
  });
  return e;
}

const sumQuery = (after: string): string => `SELECT * FROM Ticker MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY rowtime
  MEASURES SUM(A.price) AS sumPrice, FIRST(rowtime) AS startTime, LAST(rowtime) AS endTime
  ONE ROW PER MATCH ${after}
  PATTERN (A+ C)
  DEFINE A AS SUM(A.price) < 30)`;

const text = (rows: readonly Row[]): string[] =>
  rows.map((r) => Object.values(r).map((v) => String(v).replace('2018-09-17 10:00:', '').replace('.000', '')).join(' '));

for (const batchSize of ['1', '3', '4096']) {
  test(`the AFTER MATCH strategies of Flink's documentation (batch size ${batchSize})`, async () => {
    const e = engine({ config: { 'sluice.batch-size': batchSize } });
    const run = async (after: string): Promise<string[]> => text(await e.query(sumQuery(after)).toArray());
    assert.deepEqual(await run('AFTER MATCH SKIP PAST LAST ROW'), ['XYZ 26 01 04', 'XYZ 17 05 07']);
    const nextRow = ['XYZ 26 01 04', 'XYZ 24 02 05', 'XYZ 25 03 06', 'XYZ 22 04 07', 'XYZ 17 05 07'];
    assert.deepEqual(await run('AFTER MATCH SKIP TO NEXT ROW'), nextRow);
    assert.deepEqual(await run(''), nextRow, 'SKIP TO NEXT ROW when not written, as Flink');
    assert.deepEqual(await run('AFTER MATCH SKIP TO LAST A'), ['XYZ 26 01 04', 'XYZ 25 03 06', 'XYZ 17 05 07']);
  });
}

test('greedy and reluctant quantifiers (Flink\'s documentation)', async () => {
  const prices = [10, 11, 12, 13, 14, 16];
  const e = engine({}, prices.map((price, i) => ({ symbol: 'XYZ', second: i + 2, price })));
  const query = (b: string): string => `SELECT lastPrice FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime
    MEASURES C.price AS lastPrice AFTER MATCH SKIP PAST LAST ROW PATTERN (A ${b} C)
    DEFINE A AS A.price > 10, B AS B.price < 15, C AS C.price > 12)`;
  assert.deepEqual(text(await e.query(query('B*')).toArray()), ['16']);
  assert.deepEqual(text(await e.query(query('B*?')).toArray()), ['13', '16']);
});

test('a late row is dropped, counted and kept in t$late; MATCH_ROWTIME() is a time attribute a window can use', async () => {
  // 04 arrives after 06 moved the watermark to 05: late.
  const rows = [1, 2, 3, 6, 4, 7, 8, 12].map((second, i) => ({ symbol: 'XYZ', second, price: i }));
  const e = engine({}, rows);
  const result = e.query(`SELECT symbol, s, t FROM Ticker MATCH_RECOGNIZE (
    PARTITION BY symbol ORDER BY rowtime MEASURES FIRST(A.rowtime) AS s, MATCH_ROWTIME() AS t
    AFTER MATCH SKIP PAST LAST ROW PATTERN (A B) DEFINE B AS B.price > A.price)`);
  assert.deepEqual(text(await result.toArray()), ['XYZ 01 02', 'XYZ 03 06', 'XYZ 07 08']);
  const summary = await result.done();
  assert.deepEqual(summary.tables.map((t) => `${t.table} ${t.lateRecords}`), ['Ticker 1']);
  const late = await e.query('SELECT price, late_reason, late_operator FROM `Ticker$late`').toArray();
  assert.deepEqual(late.map((r) => [r['price'], r['late_reason']]), [[4n, 'late']]);
  assert.match(String(late[0]!['late_operator']), /^Match#\d+$/);

  await e.execute(`CREATE VIEW pairs AS SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime
    MEASURES MATCH_ROWTIME() AS t AFTER MATCH SKIP PAST LAST ROW PATTERN (A B) DEFINE B AS B.price > A.price)`);
  const windows = await e.query(`SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE pairs, DESCRIPTOR(t), INTERVAL '5' SECOND))
    GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(text(windows), ['00 1', '05 2']);
});

test('processing time: rows are matched as they arrive', async () => {
  const e = engine({ config: { 'sluice.batch-size': '1' } });
  const rows = await e.query(`SELECT * FROM (SELECT symbol, price, PROCTIME() AS pt FROM Ticker) MATCH_RECOGNIZE (
    PARTITION BY symbol ORDER BY pt MEASURES FIRST(A.price) AS a, B.price AS b
    AFTER MATCH SKIP PAST LAST ROW PATTERN (A B) DEFINE B AS B.price < A.price)`).toArray();
  assert.deepEqual(text(rows), ['XYZ 10 5', 'XYZ 10 7']);
});

test('EXPLAIN: a Match behind an exchange by the partition keys, append-only', () => {
  const plan = engine().explain(`SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime
    MEASURES FIRST(A.price) AS a, LAST(A.price, 1) AS b, AVG(A.price) AS c, MATCH_ROWTIME() AS t
    PATTERN (A{2,} B C*? D) WITHIN INTERVAL '1' HOUR DEFINE A AS A.price > 1, D AS D.price < LAST(A.price)) AS T`);
  assert.match(plan, /Match\(partitionBy=\[symbol\], orderBy=\[rowtime ASC\], measures=\[FIRST\(A\.price\) AS a, LAST\(A\.price, 1\) AS b, AVG\(A\.price\) AS c, MATCH_ROWTIME\(\) AS t\], rowsPerMatch=\[ONE ROW PER MATCH\], after=\[SKIP TO NEXT ROW\], pattern=\[A\{2,\} B C\*\? D\], within=\[1 h\], define=\[A=\(A\.price > 1\), D=\(D\.price < A\.price\)\]/);
  assert.match(plan, /\n\s+\+- Exchange\(distribution=\[hash\[symbol\]\]\)/);
  assert.match(plan, /append-only \(\+I\): symbol STRING, a BIGINT, b BIGINT, c BIGINT, t TIMESTAMP\(3\) \*ROWTIME\*/);
});

test('errors name the place: what Flink refuses too, and mistakes', () => {
  const e = engine();
  const fails = (clause: string, kind: typeof PlanError | typeof NotImplementedError | typeof SqlSyntaxError, pattern: RegExp): void => {
    const sql = `SELECT * FROM Ticker MATCH_RECOGNIZE (${clause})`;
    assert.throws(() => e.explain(sql), (error: unknown) => error instanceof kind && pattern.test(error.message), clause);
  };
  fails('ORDER BY rowtime PATTERN (A B*) DEFINE A AS true', NotImplementedError, /A greedy quantifier cannot end a pattern \(as in Flink\)/);
  fails('ORDER BY rowtime PATTERN (A* B?) DEFINE A AS true', NotImplementedError, /greedy quantifier cannot end/);
  fails('ORDER BY rowtime PATTERN (A*? B*?) DEFINE A AS true', PlanError, /The pattern can match zero rows/);
  fails('ORDER BY price PATTERN (A B) DEFINE A AS true', PlanError, /must be ordered by a time attribute first, ascending; price is BIGINT at 1:48/);
  fails('PATTERN (A B) DEFINE A AS true', PlanError, /needs ORDER BY a time attribute/);
  fails('ORDER BY rowtime DESC PATTERN (A B) DEFINE A AS true', PlanError, /ascending/);
  fails('ORDER BY rowtime PATTERN (A B A) DEFINE A AS true', NotImplementedError, /Pattern variable A appears twice/);
  fails('ORDER BY rowtime PATTERN (A B) DEFINE C AS true', PlanError, /DEFINE C: the pattern has no variable of that name \(it has A, B\)/);
  fails('ORDER BY rowtime PATTERN (A B) DEFINE B AS X.price > 1', PlanError, /'X' is not a pattern variable; the pattern has A, B at 1:82/);
  fails('ORDER BY rowtime PATTERN (A B) DEFINE B AS B.prise > 1', PlanError, /Unknown column 'prise' at 1:82 \(did you mean 'price'\?\)/);
  fails('ORDER BY rowtime PATTERN (A B) DEFINE B AS B.price', PlanError, /The condition of B must be BOOLEAN, not BIGINT/);
  fails('ORDER BY rowtime PATTERN (A B) DEFINE B AS PREV(B.price) < 1', NotImplementedError, /PREV \(a physical offset\) is not supported/);
  fails('ORDER BY rowtime MEASURES COUNT(DISTINCT A.price) AS n PATTERN (A B) DEFINE B AS true', NotImplementedError, /DISTINCT aggregates are not supported/);
  fails('ORDER BY rowtime MEASURES LAST(A.price * B.price) AS n PATTERN (A B) DEFINE B AS true', PlanError, /must read a single pattern variable, not A and B/);
  fails('ORDER BY rowtime MEASURES A.price AS p PARTITION BY symbol PATTERN (A B) DEFINE B AS true', SqlSyntaxError, /Unexpected 'PARTITION'.* at 1:78/);
  fails('PARTITION BY symbol ORDER BY rowtime MEASURES A.price AS symbol PATTERN (A B) DEFINE B AS true', PlanError, /Column 'symbol' appears twice/);
  fails('ORDER BY rowtime PATTERN (A B) DEFINE B AS MATCH_ROWTIME() IS NULL', PlanError, /MATCH_ROWTIME\(\) can be used in MEASURES only/);
  fails('ORDER BY rowtime ALL ROWS PER MATCH PATTERN (A B) DEFINE B AS true', NotImplementedError, /ALL ROWS PER MATCH is not supported \(as in Flink\)/);
  fails('ORDER BY rowtime PATTERN (A | B) DEFINE B AS true', NotImplementedError, /Alternation/);
  fails('ORDER BY rowtime PATTERN ((A B)+ C) DEFINE B AS true', NotImplementedError, /Pattern groups/);
  fails('ORDER BY rowtime PATTERN (A B??) DEFINE B AS true', NotImplementedError, /reluctant optional quantifier/);
  fails('ORDER BY rowtime AFTER MATCH SKIP TO LAST X PATTERN (A B) DEFINE B AS true', PlanError, /SKIP TO LAST X: the pattern has no variable of that name/);
  fails("ORDER BY rowtime PATTERN (A B) WITHIN 5 DEFINE B AS true", PlanError, /WITHIN takes a positive day-time interval literal/);
  assert.throws(
    () => e.explain('SELECT * FROM (SELECT symbol, MAX(rowtime) AS rowtime FROM Ticker GROUP BY symbol) MATCH_RECOGNIZE (ORDER BY rowtime PATTERN (A B) DEFINE B AS true)'),
    /MATCH_RECOGNIZE reads an append-only input, but GROUP BY without a window makes this one updating/,
  );
});

test('a savepoint mid-stream, resumed on SQLite state: every match exactly once', async () => {
  const events = 12_000;
  const setUp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-match-'));
    const lines: string[] = [];
    for (let i = 0; i < events; i++) {
      // 100 ms apart in 4 partitions, every third row 300 ms behind: out of order, never late under a 1 s delay.
      const ts = new Date(Date.UTC(2026, 0, 1) + i * 100 - (i % 3 === 2 ? 300 : 0)).toISOString().replace('T', ' ').replace('Z', '');
      lines.push(JSON.stringify({ k: i % 4, price: (i * 7919) % 101, ts }));
    }
    writeFileSync(join(dir, 'ticks.jsonl'), lines.join('\n') + '\n');
    return dir;
  };
  const ddl = `SET 'execution.checkpointing.interval' = '20 ms';
    SET 'pipeline.name' = 'rises';
    SET 'state.backend' = 'sqlite';
    CREATE TABLE ticks (k INT, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
      WITH ('connector' = 'filesystem', 'path' = 'ticks.jsonl', 'format' = 'json');
    CREATE TABLE rises (k INT, first_price INT, top INT, n BIGINT, ended TIMESTAMP(3))
      WITH ('connector' = 'filesystem', 'path' = 'rises', 'format' = 'csv');`;
  const insert = `INSERT INTO rises SELECT * FROM ticks MATCH_RECOGNIZE (PARTITION BY k ORDER BY ts
    MEASURES FIRST(A.price) AS first_price, LAST(B.price) AS top, COUNT(B.price) AS n, LAST(C.ts) AS ended
    AFTER MATCH SKIP PAST LAST ROW PATTERN (A B+ C) WITHIN INTERVAL '5' SECOND
    DEFINE B AS B.price > LAST(price, 1), C AS C.price <= LAST(B.price))`;
  const { expected, beforeResume, resumed, summary } = await runWithSavepointMidStream({ setUp, ddl, insert, jobName: 'rises', sink: 'rises', stopAfter: 3_000 });
  assert.ok(expected.length > 500, `${expected.length} matches`);
  assert.ok(beforeResume.length < expected.length, 'stopped early');
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
  assert.deepEqual(resumed, expected);
});

test('SKIP TO FIRST a variable that maps the first row fails the job with a clear error, as Flink fails it', async () => {
  const e = engine();
  await assert.rejects(
    e.query(`SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES SUM(A.price) AS s
      AFTER MATCH SKIP TO FIRST A PATTERN (A+ C) DEFINE A AS SUM(A.price) < 30)`).toArray(),
    /AFTER MATCH SKIP TO FIRST A: the row to skip to is the match's first row/,
  );
});
