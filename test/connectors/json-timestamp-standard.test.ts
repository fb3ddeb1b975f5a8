/** 'json.timestamp-format.standard': SQL (default) or ISO-8601 text for TIMESTAMP and TIMESTAMP_LTZ written; either read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { rowType, timestamp, timestampLtz } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { jsonFormat, type TimestampStandard } from '../../src/connectors/formats/json.js';

const table = schema([field('ts', timestamp(3)), field('lt', timestampLtz(3)), field('r', rowType([{ name: 't', type: timestamp(3) }]))]);
const ts = Date.UTC(2024, 0, 1, 10, 0, 0, 500);

const written = (standard?: TimestampStandard): string =>
  jsonFormat(table, { ignoreParseErrors: false, failOnMissingField: false, ...(standard ? { timestampStandard: standard } : {}) }).createWriter().encode([ts, ts, [ts]]);

test('SQL by default, ISO-8601 on request, nested values too', () => {
  assert.equal(written(), '{"ts":"2024-01-01 10:00:00.5","lt":"2024-01-01 10:00:00.5Z","r":{"t":"2024-01-01 10:00:00.5"}}\n');
  assert.equal(written('SQL'), written());
  assert.equal(written('ISO-8601'), '{"ts":"2024-01-01T10:00:00.5","lt":"2024-01-01T10:00:00.5Z","r":{"t":"2024-01-01T10:00:00.5"}}\n');
});

test('either form is read, whatever the setting', async () => {
  const reader = jsonFormat(table, { ignoreParseErrors: false, failOnMissingField: false, timestampStandard: 'SQL' }).createReader();
  const rows: Value[][] = [];
  const text = `${written('ISO-8601')}${written('SQL')}`;
  for await (const record of reader.records(Readable.from([Buffer.from(text)]), 'f.json')) if (record.kind === 'row') rows.push([...record.values]);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0]!.slice(0, 2), [ts, ts]);
  assert.deepEqual(rows[1]!.slice(0, 2), [ts, ts]);
});
