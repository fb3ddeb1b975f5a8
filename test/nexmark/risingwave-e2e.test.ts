/**
 * Nexmark correctness on a fixed dataset: RisingWave's e2e fixture (20 people, 40 auctions, 50 bids) is written by
 * the generator's writers in two ways: (1) flat JSON-lines files declared as `person`, `auction` and `bid` tables with
 * Nexmark's watermark (`dateTime - 4 s`); (2) one JSON-lines file in the shape of Flink's `kafka` table, declared
 * with Flink's own ddl_kafka.sql (connector swapped for `filesystem`) and ddl_views.sql. Each Flink Nexmark query
 * (flink-queries/qN.sql, its sink replaced by collecting the SELECT) runs through Sluice on both. The final result is compared, as a multiset of whitespace-normalized
 * rows, with RisingWave's expected `qN.slt.part`, after the dialect mappings documented in query-cases.ts.
 * Queries Sluice does not run yet must be refused with a typed, positioned error naming the missing feature.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, isSluiceError, type ColumnInfo, type ResultValue, type Row } from '../../src/index.js';
import { FLAT_FILE_NAMES, writeFlatJsonLines, writeKafkaJsonLines } from '../../bench/nexmark/json-files.js';
import type { NexmarkEvent } from '../../bench/nexmark/model.js';
import { FLAT_TABLES, flatTableDdl } from '../../bench/nexmark/schemas.js';
import { flinkUnionTableStatements, readFlinkQuery } from './flink-queries.js';
import { QUERY_CASES, type QueryCase } from './query-cases.js';
import { q11Answer, q23Answer, q2FlinkAnswer } from './reference-answers.js';
import {
  expectedRows, loadRisingWaveDataset, normalizeRow, type RisingWaveDataset, referenceAvailable,
} from './risingwave-fixture.js';

const available = referenceAvailable();
const skip = available ? false : 'the Nexmark reference material (../shared/reference/nexmark) is not there';

let dir = '';
const UNION_FILE = 'nexmark.jsonl';

/** Where the queries read from: the flat tables, or Flink's union table and views. */
type Source = 'flat tables' | 'kafka table and views';
let data: RisingWaveDataset;

before(() => {
  if (!available) return;
  data = loadRisingWaveDataset();
  dir = mkdtempSync(join(tmpdir(), 'sluice-nexmark-e2e-'));
  const events: NexmarkEvent[] = [
    ...data.persons.map((person, i) => ({ kind: 'person' as const, eventId: i, person })),
    ...data.auctions.map((auction, i) => ({ kind: 'auction' as const, eventId: i, auction })),
    ...data.bids.map((bid, i) => ({ kind: 'bid' as const, eventId: i, bid })),
  ];
  writeFlatJsonLines(events, dir);
  // One stream, as Flink's union table has it: every event in event-time order (a stable sort keeps file order).
  const time = (e: NexmarkEvent): number => (e.kind === 'person' ? e.person.dateTime : e.kind === 'auction' ? e.auction.dateTime : e.bid.dateTime);
  writeKafkaJsonLines([...events].sort((a, b) => time(a) - time(b)), join(dir, UNION_FILE));
  // q13's side input (side_input_gen.sh): rows i,i for i < 10,000.
  writeFileSync(join(dir, 'side_input.csv'), Array.from({ length: 10_000 }, (_, i) => `${i},${i}`).join('\n'));
});

after(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function withoutLeadingComments(statement: string): string {
  return statement.replace(/^(\s*--[^\n]*\n)*\s*/, '');
}

type Outcome = { readonly columns: readonly ColumnInfo[]; readonly rows: readonly Row[] } | { readonly error: unknown };

async function runCase(c: QueryCase, source: Source): Promise<Outcome> {
  const flink = readFlinkQuery(c.query);
  let select = flink.select;
  for (const { from, to } of c.rewrite ?? []) {
    assert.ok(select.includes(from), `${c.name}: rewrite target not in the Flink text: ${from}`);
    select = select.replace(from, to);
  }
  const setup = [
    ...(c.addSetup ?? []),
    ...flink.setup.filter((s) => !(c.dropSetup ?? []).some((prefix) => withoutLeadingComments(s).startsWith(prefix))),
  ];
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  try {
    const tables = source === 'flat tables'
      ? FLAT_TABLES.map((t) => flatTableDdl(t, { connector: 'filesystem', path: FLAT_FILE_NAMES[t], format: 'json' }))
      : flinkUnionTableStatements({ connector: 'filesystem', path: UNION_FILE, format: 'json' });
    for (const statement of tables) await engine.execute(statement);
    for (const statement of setup) await engine.execute(statement);
    const result = engine.query(select);
    return { columns: result.columns, rows: await result.toArray() };
  } catch (error) {
    return { error };
  } finally {
    await engine.close();
  }
}

/** A result value as RisingWave's sqllogictest prints it. */
function cellText(value: ResultValue, column: ColumnInfo): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string' && column.type.startsWith('TIMESTAMP')) return value.replace(/\.000$/, '');
  return String(value);
}

function actualRows(c: QueryCase, columns: readonly ColumnInfo[], rows: readonly Row[]): string[] {
  return rows.map((row) => {
    const cells = columns.map((column) => cellText(row[column.name] ?? null, column));
    return normalizeRow((c.project ? c.project.map((i) => cells[i]!) : cells).join(' '));
  });
}

function expectedFor(c: QueryCase): string[] {
  const expected = c.expected;
  if ('file' in expected) {
    const rows = expectedRows(expected.file);
    return c.mapExpected ? rows.map((row) => normalizeRow(c.mapExpected!(row.split(' '), data).join(' '))) : rows;
  }
  if ('computed' in expected) {
    const answers = { 'q2-flink': q2FlinkAnswer, q11: q11Answer, q23: q23Answer };
    return answers[expected.computed](data).map(normalizeRow);
  }
  throw new Error(`${c.name} has no rows to compare`);
}

const sorted = (rows: readonly string[]): string[] => [...rows].sort();

test('the fixture: 20 people, 40 auctions, 50 bids, each file in event-time order', { skip }, () => {
  assert.equal(data.persons.length, 20);
  assert.equal(data.auctions.length, 40);
  assert.equal(data.bids.length, 50);
  for (const list of [data.persons, data.auctions, data.bids]) {
    for (let i = 1; i < list.length; i++) assert.ok(list[i]!.dateTime >= list[i - 1]!.dateTime, 'in order, so no row is late');
  }
});

test('the facts the dialect mappings rely on hold for the fixture', { skip }, () => {
  // q10, q16: every bid is in minute 00:00 of the day (Flink's 'HH:mm' is 00:00 for all).
  for (const bid of data.bids) assert.equal(new Date(bid.dateTime).toISOString().slice(11, 16), '00:00');
  // q18: RisingWave breaks the ties of (auction 1006, bidder 1001) at 00:00:16.004 and (1012, 1001) at 00:00:20.005
  // by `extra`; Flink keeps the later arrival. The mapping swaps exactly those two rows.
  const q18 = QUERY_CASES.find((c) => c.name === 'q18')!;
  const changed = expectedRows('q18.slt.part').filter((row) => q18.mapExpected!(row.split(' '), data).join(' ') !== row);
  assert.deepEqual(changed.map((row) => row.split(' ').slice(0, 3).join(' ')), ['1006 1001 3414043', '1012 1001 3378476']);
  // q2: Flink's MOD(auction, 123) = 0 keeps nothing of this fixture.
  assert.deepEqual(q2FlinkAnswer(data), []);
});

const runs = QUERY_CASES.flatMap((c) => (c.refused
  ? [{ c, source: 'flat tables' as Source }]
  : [{ c, source: 'flat tables' as Source }, { c, source: 'kafka table and views' as Source }]));

for (const { c, source } of runs) {
  test(`${c.name}${c.refused ? ': refused with a clear error' : ` on the ${source}`}`, { skip }, async () => {
    const outcome = await runCase(c, source);
    if (c.refused) {
      assert.ok('error' in outcome, `${c.name} runs now: delete its 'refused' entry in query-cases.ts so its result is checked`);
      const error = outcome.error;
      assert.ok(isSluiceError(error), `not a typed Sluice error: ${String(error)}`);
      assert.equal(error.kind, c.refused.kind, error.message);
      assert.match(error.message, c.refused.message);
      assert.ok(error.position !== undefined, `the error points into the SQL: ${error.message}`);
      return;
    }
    if ('error' in outcome) throw outcome.error;
    if ('totals' in c.expected) {
      // q12 counts per processing-time window: which windows depends on the wall clock, the totals do not.
      const perBidder = new Map<string, bigint>();
      for (const row of outcome.rows) {
        perBidder.set(String(row.bidder), (perBidder.get(String(row.bidder)) ?? 0n) + (row.bid_count as bigint));
        const start = Date.parse(`${String(row.starttime).replace(' ', 'T')}Z`);
        const end = Date.parse(`${String(row.endtime).replace(' ', 'T')}Z`);
        assert.equal(end - start, 10_000);
        assert.equal(start % 10_000, 0);
      }
      const expected = new Map<string, bigint>();
      for (const bid of data.bids) expected.set(String(bid.bidder), (expected.get(String(bid.bidder)) ?? 0n) + 1n);
      assert.deepEqual(perBidder, expected);
      return;
    }
    assert.deepEqual(sorted(actualRows(c, outcome.columns, outcome.rows)), sorted(expectedFor(c)));
  });
}
