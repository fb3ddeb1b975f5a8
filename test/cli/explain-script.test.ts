import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainScript } from '../../src/cli/explain-script.js';
import { Interruption } from '../../src/cli/interruption.js';
import { FakeEngine, RecordingOutput } from './fake-engine.js';

describe('explainScript', () => {
  it('runs DDL, explains jobs, and keeps each statement at its place in the file', async () => {
    const engine = new FakeEngine([]);
    const output = new RecordingOutput();
    const sql = "CREATE TABLE t (a INT);\nINSERT INTO s\n  SELECT a FROM t;\n-- trailing comment\n";
    const code = await explainScript(engine, sql, output, {
      changelog: false,
      debug: false,
      interruption: new Interruption(),
      sourceName: 'job.sql',
    });
    assert.equal(code, 0);
    assert.deepEqual(engine.executed, ['CREATE TABLE t (a INT)']);
    assert.equal(engine.explained.length, 1);
    const explained = engine.explained[0] ?? '';
    assert.deepEqual(explained.split('\n').slice(1), ['INSERT INTO s', '  SELECT a FROM t']);
    assert.equal(explained.split('\n')[0]?.trim(), '', 'the first line is blanked, keeping positions');
    assert.deepEqual(output.stdout, ['-- INSERT INTO s', 'Sink(sink)', '  Source(bids)']);
    assert.deepEqual(output.stderr, ['[INFO] Table created.']);
  });
});
