/** GET /metrics: Prometheus text exposition of the engine's jobs, tables and operators, plus Node's process metrics. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/index.js';

/** `name{labels} value` lines of one metric, as [labels text, value]. */
function samples(text: string, name: string): [string, number][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => {
      const close = line.lastIndexOf('}');
      return [line.slice(name.length + 1, close), Number(line.slice(close + 2))];
    });
}

test('GET /metrics exposes each job, table and operator with Prometheus types, and the process metrics', async () => {
  const engine = new Engine({ config: { 'rest.port': '0' } });
  try {
    await engine.execute(`CREATE TABLE src (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', 'number-of-rows' = '3000',
        'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3000');
      CREATE TABLE sink (n BIGINT) WITH ('connector' = 'blackhole')`);
    const started = await engine.execute('INSERT INTO sink SELECT id FROM src WHERE id % 3 = 0');
    assert.equal(started.kind, 'job');
    if (started.kind === 'job') await started.job.done();
    const url = engine.monitoringUrl;
    assert.ok(url, "the server started from the engine's config at the first statement");
    const [job] = engine.jobDetails();
    const response = await fetch(`${url}metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const jobLabels = `job="insert-into_sink",job_id="${job!.id}"`;

    assert.match(text, /# TYPE sluice_table_records_read_total counter/);
    assert.deepEqual(samples(text, 'sluice_table_records_read_total'), [[`${jobLabels},table="src"`, 3000], [`${jobLabels},table="sink"`, 0]]);
    assert.deepEqual(samples(text, 'sluice_table_records_written_total').find(([labels]) => labels.endsWith('table="sink"')), [`${jobLabels},table="sink"`, 1000]);
    assert.deepEqual(samples(text, 'sluice_job_info'), [[`${jobLabels},status="finished",kind="insert"`, 1]]);

    const recordsIn = samples(text, 'sluice_operator_records_in_total');
    assert.deepEqual(
      recordsIn.map(([labels, value]) => [labels.replace(/.*operator="([A-Za-z]+)#\d+".*/, '$1'), value]),
      [['TableSourceScan', 0], ['WatermarkAssigner', 3000], ['Calc', 3000], ['Sink', 1000]],
    );
    for (const vertex of job!.vertices) {
      assert.ok(recordsIn.some(([labels]) => labels === `${jobLabels},operator="${vertex.name}",operator_id="${vertex.id}"`), vertex.name);
    }
    assert.match(text, /# TYPE sluice_operator_busy_seconds_total counter/);
    assert.match(text, /# TYPE sluice_operator_watermark_milliseconds gauge/);
    const lastTimestamp = samples(text, 'sluice_operator_watermark_milliseconds');
    assert.equal(lastTimestamp.length, 1, 'after the end of input only the assigner has a finite watermark: the last it generated');
    assert.match(lastTimestamp[0]![0], /operator="WatermarkAssigner#\d+"/);
    assert.equal(lastTimestamp[0]![1], job!.vertices.find((v) => v.name.startsWith('WatermarkAssigner'))!.watermark);
    assert.match(text, /^sluice_process_cpu_user_seconds_total \d/m);
    assert.match(text, /^sluice_nodejs_eventloop_lag_seconds \d/m);
  } finally {
    await engine.close();
  }
});
