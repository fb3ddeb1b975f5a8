import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NEXMARK_TABLE, NexmarkScriptError, nexmarkQueriesDir, nexmarkScript, sourceTableDdl,
} from '../../bench/flink/nexmark-script.js';
import { expectedSampleRows, sampleEventLines } from '../../bench/flink/sample-events.js';

const referenceDir = nexmarkQueriesDir();
const haveReference = existsSync(join(referenceDir, 'ddl_kafka.sql'));

describe('the Flink benchmark script for a Nexmark query', { skip: haveReference ? false : `no reference queries in ${referenceDir}` }, () => {
  it('turns the kafka table into a bounded filesystem JSON source, keeping its columns and watermark', () => {
    const ddl = sourceTableDdl(readFileSync(join(referenceDir, 'ddl_kafka.sql'), 'utf8'), '/data/events.jsonl');
    assert.match(ddl, /^CREATE TABLE kafka \(/);
    assert.match(ddl, /WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND/);
    assert.match(ddl, /WHEN event_type = 0 THEN person\.`dateTime`/);
    assert.match(ddl, /'connector' = 'filesystem'/);
    assert.match(ddl, /'path' = 'file:\/\/\/data\/events\.jsonl'/);
    assert.match(ddl, /'format' = 'json'/);
    assert.match(ddl, /'json\.timestamp-format\.standard' = 'SQL'/);
    assert.doesNotMatch(ddl, /kafka'|bootstrap|topic/);
    assert.equal(ddl.match(/\bWITH\b/g)?.length, 1);
  });

  it('doubles a quote in the input path so it stays one SQL string', () => {
    const ddl = sourceTableDdl('CREATE TABLE kafka (a INT) WITH (\'connector\' = \'kafka\');', "/tmp/it's.jsonl");
    assert.match(ddl, /'path' = 'file:\/\/\/tmp\/it''s\.jsonl'/);
  });

  it('puts the views over the source table and the query (blackhole sink, INSERT) after them', () => {
    const script = nexmarkScript({ query: 'q0', input: '/data/events.jsonl' });
    assert.doesNotMatch(script, /\$\{NEXMARK_TABLE\}/);
    assert.match(script, new RegExp(`FROM ${NEXMARK_TABLE} WHERE event_type = 2`));
    const order = ['CREATE TABLE kafka', 'CREATE VIEW person', 'CREATE VIEW bid', 'CREATE TABLE nexmark_q0', 'INSERT INTO nexmark_q0']
      .map((text) => script.indexOf(text));
    assert.ok(order.every((at) => at >= 0), `every part is there: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(script, /'connector' = 'blackhole'/);
    assert.doesNotMatch(script, /;\s*;/);
  });

  it('swaps the blackhole sink for print when asked', () => {
    const script = nexmarkScript({ query: 'q7', input: '/data/events.jsonl', sink: 'print' });
    assert.match(script, /'connector' = 'print'/);
    assert.doesNotMatch(script, /blackhole/);
  });

  it('refuses a name that is not a query, and says where it looked for a missing one', () => {
    assert.throws(() => nexmarkScript({ query: '../etc/passwd', input: 'x' }), NexmarkScriptError);
    const empty = mkdtempSync(join(tmpdir(), 'sluice-no-queries-'));
    assert.throws(() => nexmarkScript({ query: 'q0', input: 'x', queriesDir: empty }),
      (error: unknown) => error instanceof NexmarkScriptError && error.message.includes(empty));
    writeFileSync(join(empty, 'ddl_kafka.sql'), 'CREATE TABLE kafka (a INT)');
    assert.throws(() => nexmarkScript({ query: 'q0', input: 'x', queriesDir: empty }), /WITH/);
  });
});

describe('the hand-written sample for the Flink check', () => {
  const lines = sampleEventLines();
  const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('has one event per line in the kafka table shape, in event-time order', () => {
    const kinds = ['person', 'auction', 'bid'];
    let previous = '';
    for (const event of events) {
      const type = event.event_type as number;
      assert.ok(type === 0 || type === 1 || type === 2);
      kinds.forEach((kind, index) => assert.equal(event[kind] === null, index !== type, `${kind} of ${JSON.stringify(event)}`));
      const body = event[kinds[type]!] as Record<string, unknown>;
      const time = body.dateTime as string;
      assert.match(time, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
      assert.ok(time >= previous, `${time} after ${previous}`);
      previous = time;
    }
    assert.ok(lines.length >= 24 && lines.length <= 60, `a few dozen lines, not ${lines.length}`);
  });

  it('gives every checked query something to output', () => {
    const expected = expectedSampleRows();
    const bids = events.filter((event) => event.event_type === 2).length;
    assert.equal(expected.q0, bids);
    assert.equal(expected.q2, events.filter((event) => event.event_type === 2
      && ((event.bid as { auction: number }).auction % 123) === 0).length);
    for (const query of ['q2', 'q7', 'q8']) assert.ok((expected[query] ?? 0) > 0, query);
  });
});
