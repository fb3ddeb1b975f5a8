/**
 * METADATA columns of the kafka source against a real broker: topic, partition, offset and the record timestamp
 * (usable as the event time), next to the value's columns; a VIRTUAL metadata column lets the same table be a sink.
 * Wrong keys and types are refused naming the column. A sink writes the record timestamp and headers from
 * non-VIRTUAL METADATA columns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();

test('topic, partition, offset and timestamp come from each record', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('meta');
  await kafka.createTopic(topic, 2);
  await kafka.produce(topic, [0, 1, 2, 3].map((i) => ({ partition: i % 2, value: JSON.stringify({ id: i }), timestamp: String(Date.UTC(2026, 0, 1, 0, 0, i)) })));
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (
      id INT,
      src STRING METADATA FROM 'topic' VIRTUAL,
      \`partition\` INT METADATA VIRTUAL,
      \`offset\` BIGINT METADATA VIRTUAL,
      ts TIMESTAMP(3) METADATA FROM 'timestamp',
      WATERMARK FOR ts AS ts
    ) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')`);
  const rows = await engine.query('SELECT id, src, `partition`, `offset`, ts FROM t').toArray();
  rows.sort((a, b) => (a['id'] as number) - (b['id'] as number));
  assert.deepEqual(rows, [
    { id: 0, src: topic, partition: 0, offset: 0n, ts: '2026-01-01 00:00:00.000' },
    { id: 1, src: topic, partition: 1, offset: 0n, ts: '2026-01-01 00:00:01.000' },
    { id: 2, src: topic, partition: 0, offset: 1n, ts: '2026-01-01 00:00:02.000' },
    { id: 3, src: topic, partition: 1, offset: 1n, ts: '2026-01-01 00:00:03.000' },
  ]);
});

test('unknown metadata, a wrong type, metadata on other connectors and written metadata are refused', { skip: kafka.skip }, async () => {
  const engine = new Engine();
  const kafkaTable = (column: string) => `CREATE TABLE t (id INT, ${column}) WITH ('connector' = 'kafka', 'topic' = 'x',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')`;
  await engine.execute(kafkaTable("h STRING METADATA FROM 'headerz'"));
  await assert.rejects(engine.execute('SELECT * FROM t'), /connector 'kafka' has no metadata 'headerz' \(column 'h'\) \(available metadata: topic, partition, offset, timestamp, headers\)/);
  await engine.execute('DROP TABLE t');
  await engine.execute(kafkaTable("p BIGINT METADATA FROM 'partition'"));
  await assert.rejects(engine.execute('SELECT * FROM t'), /metadata 'partition' \(column 'p'\) is INT, not BIGINT/);
  await engine.execute(`CREATE TABLE f (id INT, o BIGINT METADATA FROM 'offset') WITH ('connector' = 'datagen')`);
  await assert.rejects(engine.execute('SELECT * FROM f'), /connector 'datagen' has no metadata 'offset'/);
  await engine.execute('DROP TABLE t');
  await engine.execute(kafkaTable("o BIGINT METADATA FROM 'offset'"));
  await engine.execute(`CREATE TABLE g (id INT) WITH ('connector' = 'datagen')`);
  await assert.rejects(engine.execute('INSERT INTO t SELECT id, CAST(id AS BIGINT) FROM g'),
    /metadata 'offset' \(column 'o'\) is read-only; a sink cannot write it \(declare the column VIRTUAL to use the table as a sink; writable metadata: timestamp, headers\)/);
  await engine.execute('DROP TABLE t');
  await engine.execute(`CREATE TABLE t (id INT, o BIGINT METADATA FROM 'offset' VIRTUAL) WITH ('connector' = 'kafka', 'topic' = 'x',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json')`);
  assert.match(engine.explain('INSERT INTO t SELECT id FROM g'), /Sink\(table=\[t\]/, 'a VIRTUAL metadata column is not written: the table is a sink of one column');
});

test('a sink writes the record timestamp and headers; a source reads headers as MAP<STRING, BYTES>', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('headers');
  await kafka.createTopic(topic, 1);
  const engine = new Engine();
  const table = (name: string, extra: string) => `CREATE TABLE ${name} (
      id INT,
      ts TIMESTAMP(3) METADATA FROM 'timestamp',
      hdrs MAP<STRING, BYTES> METADATA FROM 'headers'
    ) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'format' = 'json'${extra})`;
  await engine.execute(table('out', ''));
  await engine.execute(table('back', ", 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'"));
  engine.registerTable('src', { columns: [{ name: 'id', type: 'INT' }], rows: [{ id: 1 }, { id: 2 }] });
  const job = await engine.execute(`INSERT INTO out SELECT id, TIMESTAMP '2026-02-03 04:05:06.789' + id * INTERVAL '1' SECOND,
      MAP['trace', CAST(CAST(id AS STRING) AS BYTES), 'origin', x'736c75696365'] FROM src`);
  if (job.kind === 'job') await job.job.done();
  const rows = await engine.query('SELECT id, ts, hdrs, CAST(hdrs[\'origin\'] AS STRING) AS origin FROM back').toArray();
  assert.deepEqual(rows, [
    { id: 1, ts: '2026-02-03 04:05:07.789', hdrs: new Map([['trace', new Uint8Array([49])], ['origin', new Uint8Array(Buffer.from('sluice'))]]), origin: 'sluice' },
    { id: 2, ts: '2026-02-03 04:05:08.789', hdrs: new Map([['trace', new Uint8Array([50])], ['origin', new Uint8Array(Buffer.from('sluice'))]]), origin: 'sluice' },
  ]);
});
