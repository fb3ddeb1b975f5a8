/**
 * The JSON and CSV formats write TIMESTAMP, TIMESTAMP_LTZ and TIME as Flink 1.20's formats do (RowDataToJsonConverters
 * and RowDataToCsvConverters, checked against their serializers): only the fraction digits needed, none on a whole
 * second; TIME without its milliseconds in JSON, with them (trimmed) in CSV. Both forms, trimmed and fixed-width,
 * read back to the same values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';
import { tempDirectory, writeFile } from './helpers.js';

const COLUMNS = 'id INT, ts0 TIMESTAMP(0), ts3 TIMESTAMP(3), l3 TIMESTAMP_LTZ(3), t0 TIME(0), t3 TIME(3)';

// Fixed-width input (as Sluice wrote it before), so reading it is checked too.
const INPUT = [
  '{"id": 1, "ts0": "2020-04-15 08:05:00", "ts3": "2020-04-15 08:05:00.000", "l3": "2020-04-15 08:05:00.000Z", "t0": "08:05:00", "t3": "08:05:00.000"}',
  '{"id": 2, "ts0": "2020-04-15 08:05:01", "ts3": "2020-04-15 08:05:00.100", "l3": "2020-04-15 08:05:00.1Z", "t0": "08:05:01", "t3": "08:05:00.120"}',
  '{"id": 3, "ts0": "2020-04-15 08:05:02", "ts3": "2020-04-15 08:05:00.123", "l3": "2020-04-15 08:05:00.12Z", "t0": "23:59:59", "t3": "23:59:59.999"}',
];

async function copyTo(format: 'json' | 'csv'): Promise<string[]> {
  const dir = tempDirectory();
  writeFile(dir, 'in.json', INPUT.join('\n'));
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (${COLUMNS}) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'in.json')}', 'format' = 'json')`);
  await engine.execute(`CREATE TABLE out (${COLUMNS}) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'out')}', 'format' = '${format}')`);
  const result = await engine.execute('INSERT INTO out SELECT * FROM t');
  if (result.kind === 'job') await result.job.done();
  const files = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
  return readFileSync(join(dir, 'out', files[0]!), 'utf8').trim().split('\n');
}

/** The rows of `lines` read back through `format`, as strings. */
async function readBack(format: 'json' | 'csv', lines: readonly string[]): Promise<string[]> {
  const dir = tempDirectory();
  writeFile(dir, `in.${format}`, lines.join('\n'));
  const engine = new Engine();
  await engine.execute(`CREATE TABLE r (${COLUMNS}) WITH ('connector' = 'filesystem', 'path' = '${join(dir, `in.${format}`)}', 'format' = '${format}')`);
  const rows = await engine.query(`SELECT id, CAST(ts0 AS STRING) AS ts0, CAST(ts3 AS STRING) AS ts3, CAST(l3 AS STRING) AS l3,
    CAST(t0 AS STRING) AS t0, CAST(t3 AS STRING) AS t3 FROM r`).toArray();
  return rows.map((r) => Object.values(r).map(String).join(' | '));
}

test('JSON writes timestamps and times as Flink: no zero fraction, TIME in whole seconds', async () => {
  const lines = await copyTo('json');
  assert.deepEqual(lines, [
    '{"id":1,"ts0":"2020-04-15 08:05:00","ts3":"2020-04-15 08:05:00","l3":"2020-04-15 08:05:00Z","t0":"08:05:00","t3":"08:05:00"}',
    '{"id":2,"ts0":"2020-04-15 08:05:01","ts3":"2020-04-15 08:05:00.1","l3":"2020-04-15 08:05:00.1Z","t0":"08:05:01","t3":"08:05:00"}',
    '{"id":3,"ts0":"2020-04-15 08:05:02","ts3":"2020-04-15 08:05:00.123","l3":"2020-04-15 08:05:00.12Z","t0":"23:59:59","t3":"23:59:59"}',
  ]);
  assert.deepEqual(await readBack('json', lines), [
    '1 | 2020-04-15 08:05:00 | 2020-04-15 08:05:00.000 | 2020-04-15 08:05:00.000 | 08:05:00 | 08:05:00.000',
    '2 | 2020-04-15 08:05:01 | 2020-04-15 08:05:00.100 | 2020-04-15 08:05:00.100 | 08:05:01 | 08:05:00.000',
    '3 | 2020-04-15 08:05:02 | 2020-04-15 08:05:00.123 | 2020-04-15 08:05:00.120 | 23:59:59 | 23:59:59.000',
  ]);
});

test('CSV writes timestamps as Flink and keeps the milliseconds of a TIME, trimmed', async () => {
  const lines = await copyTo('csv');
  assert.deepEqual(lines, [
    '1,"2020-04-15 08:05:00","2020-04-15 08:05:00","2020-04-15 08:05:00Z",08:05:00,08:05:00',
    '2,"2020-04-15 08:05:01","2020-04-15 08:05:00.1","2020-04-15 08:05:00.1Z",08:05:01,08:05:00.12',
    '3,"2020-04-15 08:05:02","2020-04-15 08:05:00.123","2020-04-15 08:05:00.12Z",23:59:59,23:59:59.999',
  ]);
  const expected = [
    '1 | 2020-04-15 08:05:00 | 2020-04-15 08:05:00.000 | 2020-04-15 08:05:00.000 | 08:05:00 | 08:05:00.000',
    '2 | 2020-04-15 08:05:01 | 2020-04-15 08:05:00.100 | 2020-04-15 08:05:00.100 | 08:05:01 | 08:05:00.120',
    '3 | 2020-04-15 08:05:02 | 2020-04-15 08:05:00.123 | 2020-04-15 08:05:00.120 | 23:59:59 | 23:59:59.999',
  ];
  assert.deepEqual(await readBack('csv', lines), expected);
  // The fixed-width form reads to the same values.
  assert.deepEqual(await readBack('csv', [
    '1,2020-04-15 08:05:00,2020-04-15 08:05:00.000,2020-04-15 08:05:00.000Z,08:05:00,08:05:00.000',
    '2,2020-04-15 08:05:01,2020-04-15 08:05:00.100,2020-04-15 08:05:00.100Z,08:05:01,08:05:00.120',
    '3,2020-04-15 08:05:02,2020-04-15 08:05:00.123,2020-04-15 08:05:00.120Z,23:59:59,23:59:59.999',
  ]), expected);
});
