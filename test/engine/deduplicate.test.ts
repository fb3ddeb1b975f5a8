/**
 * Deduplication without a window (Flink's Deduplicate) end to end: keep the first or the last row per key, ordered
 * by event time (an update stream: an out-of-order row can replace the kept one) or by processing time (keep-first
 * is append-only); the exact changelogs, ties, the accepted spellings of the filter, what is NOT a deduplication,
 * both state backends, EXPLAIN, and an append-only sink taking keep-first on processing time.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../src/index.js';

/** Arrival order: event times go back and forth; (a, 05) arrives twice with different values. */
const EVENTS = [
  { ts: '2020-04-15 12:00:05', k: 'a', v: 'v1' },
  { ts: '2020-04-15 12:00:01', k: 'a', v: 'v2' },
  { ts: '2020-04-15 12:00:05', k: 'a', v: 'v3' },
  { ts: '2020-04-15 12:00:02', k: 'b', v: 'v4' },
  { ts: '2020-04-15 12:00:09', k: 'a', v: 'v5' },
  { ts: '2020-04-15 12:00:09', k: 'a', v: 'v5' },
];

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-dedup-'));
  writeFileSync(join(dir, 'events.jsonl'), EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function engine(options: EngineOptions = {}): Promise<Engine> {
  const e = new Engine({ printLine: () => {}, baseDirectory: dir, ...options });
  await e.execute(`CREATE TABLE events (ts TIMESTAMP(3), k STRING, v STRING, pt AS PROCTIME(),
      WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)
    WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json')`);
  return e;
}

const DEDUP = (order: string, filter = 'rn = 1', select = 'k, v, ts') =>
  `SELECT ${select} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ${order}) AS rn FROM events) WHERE ${filter}`;

async function changes(sql: string, options: EngineOptions = {}): Promise<{ lines: string[]; updating: boolean }> {
  const e = await engine(options);
  const result = e.query(sql);
  const lines: string[] = [];
  for await (const change of result) lines.push(`${change.op} ${Object.values(change.row).map(String).join(',')}`);
  await e.close();
  return { lines, updating: result.updating };
}

const at = (second: string) => `2020-04-15 12:00:${second}.000`;

test('keep last row on event time: a row replaces the kept one unless its rowtime is smaller; a tie goes to the later arrival', async () => {
  const { lines, updating } = await changes(DEDUP('ts DESC'));
  assert.equal(updating, true);
  assert.deepEqual(lines, [
    `+I a,v1,${at('05')}`,
    // v2 (12:00:01) is older than v1: ignored
    `-U a,v1,${at('05')}`, `+U a,v3,${at('05')}`,
    `+I b,v4,${at('02')}`,
    `-U a,v3,${at('05')}`, `+U a,v5,${at('09')}`,
    // the same row again, at the same time: replaced, as Flink does on event time
    `-U a,v5,${at('09')}`, `+U a,v5,${at('09')}`,
  ]);
});

test('keep first row on event time: an out-of-order row with a smaller rowtime replaces the kept one', async () => {
  const { lines, updating } = await changes(DEDUP('ts ASC'));
  assert.equal(updating, true);
  assert.deepEqual(lines, [`+I a,v1,${at('05')}`, `-U a,v1,${at('05')}`, `+U a,v2,${at('01')}`, `+I b,v4,${at('02')}`]);
});

test('keep first row on processing time: each key once, append-only', async () => {
  const { lines, updating } = await changes(DEDUP('pt ASC'));
  assert.equal(updating, false);
  assert.deepEqual(lines, [`+I a,v1,${at('05')}`, `+I b,v4,${at('02')}`]);
});

test('keep last row on processing time: every row replaces the kept one, except an identical one', async () => {
  const { lines, updating } = await changes(DEDUP('pt DESC', 'rn = 1', 'k, v'));
  assert.equal(updating, true);
  assert.deepEqual(lines, ['+I a,v1', '-U a,v1', '+U a,v2', '-U a,v2', '+U a,v3', '+I b,v4', '-U a,v3', '+U a,v5']);
});

test('rn = 1, rn <= 1 and rn < 2 are deduplications; selecting the rank, a second ORDER BY key or a non-time column make it a Top-N', async () => {
  const e = await engine();
  for (const filter of ['rn = 1', 'rn <= 1', 'rn < 2', '1 >= rn']) assert.match(e.explain(DEDUP('ts DESC', filter)), /Deduplicate\(keep=\[LastRow\], key=\[k\], order=\[ROWTIME\]/, filter);
  assert.match(e.explain(DEDUP('ts DESC', 'rn = 1', 'k, v, rn')), /Rank\(strategy=\[AppendFastStrategy\], rankType=\[ROW_NUMBER\], rankRange=\[rankStart=1, rankEnd=1\]/);
  assert.match(e.explain(DEDUP('ts DESC, v')), /Rank\(/);
  assert.match(e.explain(DEDUP('v DESC')), /Rank\(/);
  await e.close();
});

test('EXPLAIN: Deduplicate with its key, order and changelog; keep-first on processing time is append-only', async () => {
  const e = await engine({ config: { 'table.exec.state.ttl': '10 min' } });
  const first = e.explain(DEDUP('pt ASC'));
  assert.match(first, /Deduplicate\(keep=\[FirstRow\], key=\[k\], order=\[PROCTIME\], changelog=\[\+I\], stateTtl=\[10 min\]\)/);
  assert.match(first, /Exchange\(distribution=\[hash\[k\]\]\)/);
  assert.match(first, /append-only \(\+I\): k STRING, v STRING, ts TIMESTAMP\(3\)/);
  assert.match(e.explain(DEDUP('ts ASC')), /Deduplicate\(keep=\[FirstRow\], key=\[k\], order=\[ROWTIME\], changelog=\[\+I, -U, \+U\]/);
  await e.close();
});

for (const backend of ['memory', 'sqlite'] as const) {
  test(`${backend} state, batch sizes 1 and 4096: the same keep-last changelog`, async () => {
    const reference = await changes(DEDUP('ts DESC'));
    for (const batchSize of ['1', '4096']) {
      const { lines } = await changes(DEDUP('ts DESC'), { config: { 'state.backend': backend, 'sluice.batch-size': batchSize } });
      assert.deepEqual(lines, reference.lines);
    }
  });
}

test('keep-first on processing time goes into an append-only (filesystem) sink; keep-last is refused there', async () => {
  const e = await engine();
  await e.execute("CREATE TABLE firsts (k STRING, v STRING) WITH ('connector' = 'filesystem', 'path' = 'firsts', 'format' = 'csv')");
  const result = await e.execute(`INSERT INTO firsts ${DEDUP('pt ASC', 'rn = 1', 'k, v')}`);
  assert.equal(result.kind, 'job');
  if (result.kind === 'job') await result.job.done();
  const written = readdirSync(join(dir, 'firsts')).filter((f) => !f.startsWith('.')).flatMap((f) => readFileSync(join(dir, 'firsts', f), 'utf8').split('\n').filter(Boolean));
  assert.deepEqual(written.sort(), ['a,v1', 'b,v4']);
  await assert.rejects(e.execute(`INSERT INTO firsts ${DEDUP('ts DESC', 'rn = 1', 'k, v')}`), /a deduplication keeping the last row on event time/);
  await e.close();
});
