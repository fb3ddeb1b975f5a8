/**
 * The generator's outputs as their users take them: Arrow batches decoded by Sluice's own batch reader, flat
 * JSON-lines files read by Sluice's filesystem source, and the `generate.ts` command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Engine } from '../../src/index.js';
import { arrowSchema, batchRows } from '../../src/runtime/batch.js';
import { generateFlatBatches } from '../../bench/nexmark/arrow-batches.js';
import { nexmarkConfig } from '../../bench/nexmark/config.js';
import { NexmarkGenerator } from '../../bench/nexmark/generator.js';
import { FLAT_FILE_NAMES, writeFlatJsonLines, writeKafkaJsonLines } from '../../bench/nexmark/json-files.js';
import { FLAT_COLUMNS, FLAT_TABLES, flatSchema, flatTableDdl } from '../../bench/nexmark/schemas.js';
import { TimestampText } from '../../bench/nexmark/timestamp-text.js';
import { flinkUnionTableStatements } from './flink-queries.js';
import { referenceAvailable } from './risingwave-fixture.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = nexmarkConfig({ numEvents: 20_000 });
const events = [...new NexmarkGenerator(config).events()];

/** An entity as Sluice's runtime values: BIGINT → bigint, TIMESTAMP → epoch ms, STRING → string. */
function runtimeValues(table: 'person' | 'auction' | 'bid', entity: object): unknown[] {
  const record = entity as Record<string, number | string>;
  return FLAT_COLUMNS[table].map((c) => (c.type === 'BIGINT' ? BigInt(record[c.name]!) : record[c.name]));
}

test('Arrow batches in Sluice\'s types decode, with Sluice\'s reader, to the generated entities', () => {
  const batches = generateFlatBatches(config, { batchSize: 1000 });
  for (const table of FLAT_TABLES) {
    const expected = events.flatMap((e) => (e.kind === table ? [runtimeValues(table, (e as unknown as Record<string, object>)[table]!)] : []));
    const schema = flatSchema(table);
    const list = batches[table];
    assert.equal(list.reduce((n, b) => n + b.numRows, 0), expected.length);
    list.slice(0, -1).forEach((b) => assert.equal(b.numRows, 1000));
    const want = arrowSchema(schema).fields.map((f) => `${f.name}:${String(f.type)}`);
    for (const batch of list) assert.deepEqual(batch.schema.fields.map((f) => `${f.name}:${String(f.type)}`), want);
    assert.ok(want.some((f) => f.endsWith('Int64')) && want.some((f) => f.endsWith('Utf8')) && want.includes('dateTime:Timestamp<MILLISECOND>'));
    assert.deepEqual(list.flatMap((b) => batchRows(b, schema)), expected);
  }
});

test('Arrow batches for a range of the stream equal that slice of the whole', () => {
  const part = generateFlatBatches(config, { from: 7_000, to: 9_000, batchSize: 333 });
  const slice = events.slice(7_000, 9_000).filter((e) => e.kind === 'bid');
  assert.deepEqual(part.bid.flatMap((b) => batchRows(b, flatSchema('bid'))), slice.map((e) => runtimeValues('bid', (e as { bid: object }).bid)));
});

test('Sluice reads the flat JSON-lines files: every row, none late, and HOP windows over them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexmark-sluice-'));
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  try {
    const report = writeFlatJsonLines(events, dir);
    for (const table of FLAT_TABLES) {
      await engine.execute(flatTableDdl(table, { connector: 'filesystem', path: FLAT_FILE_NAMES[table], format: 'json' }));
    }
    const counts = engine.query(`SELECT channel, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(\`dateTime\`), INTERVAL '1' SECOND))
      GROUP BY channel, window_start, window_end`);
    const rows = await counts.toArray();
    assert.equal(rows.reduce((n, r) => n + (r.n as bigint), 0n), BigInt(report.bids));
    const summary = await counts.done();
    assert.deepEqual(summary.tables.map((t) => [t.table, t.recordsRead, t.lateRecords, t.malformedRecords]), [['bid', report.bids, 0, 0]]);
    // q5's hot items: 20,000 events span 2 s of event time, so the 10 s HOP windows over it are 5 (slide 2 s).
    const hot = await engine.query(`SELECT window_start, auction, COUNT(*) AS num
      FROM TABLE(HOP(TABLE bid, DESCRIPTOR(\`dateTime\`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
      GROUP BY auction, window_start, window_end`).toArray();
    assert.equal(new Set(hot.map((r) => r.window_start)).size, 5);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Sluice reads the kafka-shaped file through Flink\'s own ddl_kafka.sql and ddl_views.sql', {
  skip: referenceAvailable() ? false : 'flink-queries/ is not there',
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexmark-kafka-shape-'));
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  try {
    writeKafkaJsonLines(events, join(dir, 'nexmark.jsonl'));
    for (const statement of flinkUnionTableStatements({ connector: 'filesystem', path: 'nexmark.jsonl', format: 'json' })) {
      await engine.execute(statement);
    }
    for (const table of FLAT_TABLES) {
      const result = engine.query(`SELECT COUNT(*) AS n, MIN(\`dateTime\`) AS first_time FROM ${table}`);
      const [row] = await result.toArray();
      assert.equal(row!.n, BigInt(events.filter((e) => e.kind === table).length), table);
      const first = events.find((e) => e.kind === table)!;
      const firstTime = (first as unknown as Record<string, { dateTime: number }>)[table]!.dateTime;
      assert.equal(row!.first_time, new TimestampText().format(firstTime));
      const summary = await result.done();
      assert.deepEqual(summary.tables.map((t) => [t.recordsRead, t.lateRecords, t.malformedRecords]), [[events.length, 0, 0]]);
    }
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const run = promisify(execFile);

test('generate.ts writes the kafka-shaped file and the flat files, and reports events/s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexmark-cli-'));
  try {
    const { stderr } = await run(process.execPath, [
      '--import', 'tsx', join(repoRoot, 'bench', 'nexmark', 'generate.ts'),
      '--events', '2000', '--out', join(dir, 'nexmark.jsonl'), '--flat-dir', join(dir, 'flat'), '--seed', '3',
    ], { cwd: repoRoot });
    const report = JSON.parse(stderr) as { events: number; bytes: number; eventsPerSecond: number; files: string[] };
    assert.equal(report.events, 2000);
    assert.ok(report.eventsPerSecond > 0 && report.files.length === 4);
    const lines = readFileSync(join(dir, 'nexmark.jsonl'), 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 2000);
    const seeded = new NexmarkGenerator(nexmarkConfig({ numEvents: 2000, seed: 3 }));
    const first = JSON.parse(lines[0]!) as { event_type: number; auction: { id: number; itemName: string } };
    const expected = seeded.event(0);
    assert.ok(expected.kind === 'auction');
    assert.deepEqual([first.event_type, first.auction.id, first.auction.itemName], [1, expected.auction.id, expected.auction.itemName]);
    const bidLines = readFileSync(join(dir, 'flat', 'bid.jsonl'), 'utf8').trimEnd().split('\n');
    assert.equal(bidLines.length, lines.filter((l) => l.startsWith('{"event_type":2')).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generate.ts refuses a missing --events with a message and exit code 2', async () => {
  await assert.rejects(
    run(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'nexmark', 'generate.ts'), '--out', join(tmpdir(), 'never.jsonl')], { cwd: repoRoot }),
    (error: { code?: number; stderr?: string }) => error.code === 2 && /--events N/.test(error.stderr ?? ''),
  );
});
