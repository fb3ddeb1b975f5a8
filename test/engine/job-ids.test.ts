/** Job ids as Flink's: SHOW JOBS lists them (job id, job name, status, start time) and STOP JOB takes one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/index.js';

test("SHOW JOBS lists each job's id; stopJob takes an id as well as a name", async () => {
  const engine = new Engine();
  try {
    await engine.execute(`CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '100');
      CREATE TABLE a (id BIGINT) WITH ('connector' = 'blackhole');
      CREATE TABLE b (id BIGINT) WITH ('connector' = 'blackhole')`);
    const first = await engine.execute('INSERT INTO a SELECT id FROM src');
    const second = await engine.execute('INSERT INTO b SELECT id FROM src');
    assert.ok(first.kind === 'job' && second.kind === 'job');
    const shown = await engine.execute('SHOW JOBS');
    assert.ok(shown.kind === 'table');
    assert.deepEqual(shown.rows.map((row) => row.slice(0, 3)), [[first.job.jobId, 'insert-into_a', 'running'], [second.job.jobId, 'insert-into_b', 'running']]);
    assert.deepEqual(engine.jobDetails().map((job) => job.id), [first.job.jobId, second.job.jobId], 'the REST API uses the same ids');
    assert.equal(await engine.stopJob(second.job.jobId.toUpperCase()), 1);
    assert.equal((await second.job.done()).status, 'cancelled');
    assert.deepEqual(engine.jobReports().map((r) => r.status), ['running', 'cancelled']);
    await assert.rejects(engine.stopJob(second.job.jobId), /No running job '[0-9a-f]{32}'/);
  } finally {
    await engine.close();
  }
});
