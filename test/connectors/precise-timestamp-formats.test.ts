/**
 * The JSON and CSV formats read and write TIMESTAMP(p) / TIMESTAMP_LTZ(p) with p 4–9 with every digit: TIMESTAMP as
 * `yyyy-MM-dd HH:mm:ss` plus the fraction digits needed (none on a whole second, as Flink), TIMESTAMP_LTZ as UTC
 * text ending in `Z` (likewise);
 * more digits than the precision are cut off when read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';
import { tempDirectory, writeFile } from './helpers.js';

const INPUT = [
  '{"id": 1, "ts6": "2020-01-01 10:00:05.123456", "ts9": "2020-01-01 10:00:05.123456789", "l9": "2020-01-01 10:00:05.000000123Z"}',
  '{"id": 2, "ts6": "2020-01-01 10:00:05.1234569", "ts9": "2020-01-01 10:00:05", "l9": "2020-01-01 10:00:05.5Z"}',
  '{"id": 3, "ts6": null, "ts9": null, "l9": null}',
];

async function copyTo(format: 'json' | 'csv'): Promise<string[]> {
  const dir = tempDirectory();
  writeFile(dir, 'in.json', INPUT.join('\n'));
  const engine = new Engine();
  const columns = 'id INT, ts6 TIMESTAMP(6), ts9 TIMESTAMP(9), l9 TIMESTAMP_LTZ(9)';
  await engine.execute(`CREATE TABLE t (${columns}) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'in.json')}', 'format' = 'json')`);
  await engine.execute(`CREATE TABLE out (${columns}) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'out')}', 'format' = '${format}')`);
  const result = await engine.execute('INSERT INTO out SELECT * FROM t');
  if (result.kind === 'job') await result.job.done();
  const files = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
  return readFileSync(join(dir, 'out', files[0]!), 'utf8').trim().split('\n');
}

test('JSON reads and writes every fraction digit of precise timestamps', async () => {
  assert.deepEqual(await copyTo('json'), [
    '{"id":1,"ts6":"2020-01-01 10:00:05.123456","ts9":"2020-01-01 10:00:05.123456789","l9":"2020-01-01 10:00:05.000000123Z"}',
    '{"id":2,"ts6":"2020-01-01 10:00:05.123456","ts9":"2020-01-01 10:00:05","l9":"2020-01-01 10:00:05.5Z"}',
    '{"id":3,"ts6":null,"ts9":null,"l9":null}',
  ]);
});

test('CSV writes precise timestamps and reads them back', async () => {
  const lines = await copyTo('csv');
  assert.deepEqual(lines, [
    '1,"2020-01-01 10:00:05.123456","2020-01-01 10:00:05.123456789","2020-01-01 10:00:05.000000123Z"',
    '2,"2020-01-01 10:00:05.123456","2020-01-01 10:00:05","2020-01-01 10:00:05.5Z"',
    '3,,,',
  ]);
  const dir = tempDirectory();
  writeFile(dir, 'in.csv', lines.join('\n'));
  const engine = new Engine();
  await engine.execute(`CREATE TABLE c (id INT, ts6 TIMESTAMP(6), ts9 TIMESTAMP(9), l9 TIMESTAMP_LTZ(9))
    WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'in.csv')}', 'format' = 'csv')`);
  const rows = await engine.query('SELECT id, CAST(ts9 AS STRING) AS s9, EXTRACT(NANOSECOND FROM l9) AS ns FROM c').toArray();
  assert.deepEqual(rows, [
    { id: 1, s9: '2020-01-01 10:00:05.123456789', ns: 123n },
    { id: 2, s9: '2020-01-01 10:00:05.000000000', ns: 500000000n },
    { id: 3, s9: null, ns: null },
  ]);
});
