/**
 * Malformed records skipped under ignore-parse-errors are kept where the user can see them: `<table>$malformed`
 * holds each one's text, what was wrong and where (file:line:column), for JSON (on this thread and on the decoding
 * workers) and CSV.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/index.js';

function files(content: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-malformed-'));
  for (const [name, text] of Object.entries(content)) writeFileSync(join(dir, name), text);
  return dir;
}

const JSON_LINES = ['{"id": 1, "name": "a"}', '{"id": "two", "name": "b"}', '{"id": 3, "name": "c"}', '{"id": 4, "name": ', '{"id": 5, "name": "e"}'].join('\n');

for (const parallel of ['false', 'true'] as const) {
  test(`JSON (decoding ${parallel === 'true' ? 'on a worker' : 'on this thread'}): skipped lines are in \`t$malformed\` with their file:line:column`, async () => {
    const dir = files({ 'in.json': `${JSON_LINES}\n` });
    const engine = new Engine({ baseDirectory: dir, config: { 'sluice.source.parallel-decode': parallel } });
    try {
      await engine.execute(`CREATE TABLE t (id BIGINT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'in.json', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
        CREATE TABLE out (id BIGINT) WITH ('connector' = 'blackhole')`);
      const job = await engine.execute('INSERT INTO out SELECT id FROM t');
      assert.ok(job.kind === 'job');
      const summary = await job.job.done();
      assert.equal(summary.tables.find((t) => t.table === 't')!.malformedRecords, 2);
      const rows = await engine.query('SELECT raw, error, location, job FROM `t$malformed`').toArray();
      assert.equal(rows.length, 2);
      assert.deepEqual(rows.map((r) => [r['raw'], r['location'], r['job']]), [
        ['{"id": "two", "name": "b"}', 'in.json:2:8', 'insert-into_out'],
        ['{"id": 4, "name": ', 'in.json:4:19', 'insert-into_out'],
      ]);
      assert.match(String(rows[0]!['error']), /id/);
      assert.doesNotMatch(String(rows[0]!['error']), /\(at /, 'the location is its own column');
      const skippedAt = await engine.query('SELECT skipped_at FROM `t$malformed`').toArray();
      assert.match(String(skippedAt[0]!['skipped_at']), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    } finally {
      await engine.close();
    }
  });
}

test('CSV: a value that does not convert is in `t$malformed` with the record as written', async () => {
  const dir = files({ 'in.csv': '1,a\nx,b\n3,c\n' });
  const engine = new Engine({ baseDirectory: dir });
  try {
    await engine.execute(`CREATE TABLE t (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'in.csv', 'format' = 'csv', 'csv.ignore-parse-errors' = 'true')`);
    assert.deepEqual(await engine.query('SELECT id FROM t').toArray(), [{ id: 1 }, { id: 3 }]);
    const rows = await engine.query('SELECT raw, location FROM `t$malformed`').toArray();
    assert.deepEqual(rows.map((r) => r['raw']), ['x,b']);
    assert.match(String(rows[0]!['location']), /^in\.csv:2/);
  } finally {
    await engine.close();
  }
});

test('a table that decodes nothing has no `$malformed` table, and says why', async () => {
  const engine = new Engine();
  try {
    await engine.execute("CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '1')");
    assert.throws(() => engine.query('SELECT * FROM `g$malformed`'), /Unknown table 'g\$malformed': table 'g' \(connector 'datagen'\) decodes no records, so none can be malformed at 1:15/);
  } finally {
    await engine.close();
  }
});
