/**
 * The REST server of an embedded engine (`SET 'rest.port'`): jobs and their vertices with counters and rates,
 * stopping a job, savepoints, errors as JSON with HTTP statuses, and the dashboard's files.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine, type JobWithRates } from '../../src/index.js';

/** POST with a JSON body, as the server requires. */
function post(url: string, body: unknown = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

const DDL = `
CREATE TABLE ticks (sym STRING, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'datagen', 'rows-per-second' = '5000', 'fields.sym.length' = '1', 'fields.price.min' = '1', 'fields.price.max' = '100');
CREATE TABLE counts (sym STRING, n BIGINT) WITH ('connector' = 'blackhole');`;

const WINDOW_JOB = `INSERT INTO counts SELECT sym, COUNT(*) FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(ts), INTERVAL '0.1' SECOND))
  WHERE price > 50 GROUP BY window_start, window_end, sym`;

async function startEngine(config: Record<string, string> = {}): Promise<{ engine: Engine; url: string }> {
  const engine = new Engine({ config, baseDirectory: mkdtempSync(join(tmpdir(), 'sluice-rest-')) });
  const result = await engine.execute("SET 'rest.port' = '0'");
  assert.equal(result.kind, 'ok');
  const url = engine.monitoringUrl;
  assert.ok(url, 'the server runs');
  assert.match(result.kind === 'ok' ? result.message : '', new RegExp(`Dashboard, REST API and /metrics at ${url.replace(/[.]/g, '\\.')}`));
  return { engine, url };
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return { status: response.status, body: (await response.json()) as T };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('GET /api/v1/jobs and /api/v1/jobs/:id describe a running job: its graph, counters, watermarks and rates', async () => {
  const { engine, url } = await startEngine();
  try {
    await engine.execute(DDL);
    const started = await engine.execute(WINDOW_JOB);
    assert.equal(started.kind, 'job');
    const { body: list } = await getJson<{ jobs: { id: string; name: string; status: string; kind: string; vertices?: unknown }[] }>(`${url}api/v1/jobs`);
    assert.equal(list.jobs.length, 1);
    const [listed] = list.jobs;
    assert.match(listed!.id, /^[0-9a-f]{32}$/);
    assert.equal(listed!.name, 'insert-into_counts');
    assert.equal(listed!.status, 'running');
    assert.equal(listed!.kind, 'insert');
    assert.equal(listed!.vertices, undefined, 'the list leaves the vertices out');

    const job = await until(
      async () => (await getJson<JobWithRates>(`${url}api/v1/jobs/${listed!.id}`)).body,
      (j) => j.vertices.find((v) => v.name.startsWith('WindowAggregate'))!.recordsOut > 0,
      'a fired window',
    );
    assert.deepEqual(
      job.vertices.map((v) => [v.name.replace(/#\d+$/, ''), v.kind]),
      [['TableSourceScan', 'source'], ['WatermarkAssigner', 'operator'], ['Calc', 'operator'], ['WindowAggregate', 'operator'], ['Calc', 'operator'], ['Sink', 'sink']],
    );
    const [source, assigner, filter, windows] = job.vertices;
    assert.deepEqual(filter!.inputs, [{ from: assigner!.id, shipStrategy: 'FORWARD' }]);
    assert.deepEqual(windows!.inputs, [{ from: filter!.id, shipStrategy: 'HASH[sym]' }]);
    assert.match(windows!.description, /^WindowAggregate\(groupBy=\[sym\], window=\[TUMBLE/);
    assert.ok(source!.recordsOut > 0);
    assert.equal(assigner!.recordsIn, source!.recordsOut);
    assert.ok(filter!.recordsOut < filter!.recordsIn, 'the filter drops rows');
    assert.equal(job.tables.find((t) => t.table === 'ticks')!.recordsRead, source!.recordsOut);
    assert.ok(assigner!.watermark !== null && windows!.watermark !== null, 'the assigner shows the watermark it generates');
    assert.ok(windows!.watermark! <= assigner!.watermark!);
    assert.match(windows!.watermarkText!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    assert.ok(job.emitLatency !== null && job.emitLatency.windows > 0);
    for (const vertex of job.vertices) {
      const { busyTimeMsPerSecond, backPressuredTimeMsPerSecond, idleTimeMsPerSecond } = vertex.rates;
      assert.equal(busyTimeMsPerSecond + backPressuredTimeMsPerSecond + idleTimeMsPerSecond, 1000, vertex.name);
      assert.ok(['ok', 'low', 'high'].includes(vertex.rates.backpressureLevel));
    }
    assert.ok(source!.rates.numRecordsOutPerSecond > 0);
    assert.equal(source!.busyMs, 0, 'a source has no busy time');
  } finally {
    await engine.close();
  }
});

test('POST /api/v1/jobs/:id/stop cancels the job; errors are JSON with their HTTP status', async () => {
  const { engine, url } = await startEngine();
  try {
    await engine.execute(DDL);
    const started = await engine.execute(WINDOW_JOB);
    assert.equal(started.kind, 'job');
    const { body } = await getJson<{ jobs: { id: string }[] }>(`${url}api/v1/jobs`);
    const id = body.jobs[0]!.id;

    const wrongMethod = await getJson<{ error: string }>(`${url}api/v1/jobs/${id}/stop`);
    assert.equal(wrongMethod.status, 405);
    assert.match(wrongMethod.body.error, /Method GET not allowed here; use POST/);
    const notJson = await fetch(`${url}api/v1/jobs/${id}/stop`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    assert.equal(notJson.status, 415, 'a POST must be JSON (a page elsewhere cannot send that without a CORS preflight)');
    assert.equal(engine.jobReports()[0]!.status, 'running');
    const savepoint = await post(`${url}api/v1/jobs/${id}/savepoints`);
    assert.equal(savepoint.status, 409);
    assert.match(((await savepoint.json()) as { error: string }).error, /Job 'insert-into_counts' does not checkpoint, so it cannot take a savepoint/);

    const stop = await post(`${url}api/v1/jobs/${id}/stop`);
    assert.equal(stop.status, 200);
    assert.deepEqual(await stop.json(), { id, status: 'cancelled' });
    const summary = started.kind === 'job' ? await started.job.done() : undefined;
    assert.equal(summary?.status, 'cancelled');
    const after = await getJson<JobWithRates>(`${url}api/v1/jobs/${id}`);
    assert.equal(after.body.status, 'cancelled');
    assert.ok(after.body.endedAt !== null && after.body.endedAt >= after.body.startedAt);
    const again = await post(`${url}api/v1/jobs/${id}/stop`);
    assert.equal(again.status, 409);
    assert.match(((await again.json()) as { error: string }).error, /is not running: cancelled/);

    const unknownJob = await getJson<{ error: string }>(`${url}api/v1/jobs/${'0'.repeat(32)}`);
    assert.equal(unknownJob.status, 404);
    assert.match(unknownJob.body.error, /No job 0{32} \(GET \/api\/v1\/jobs lists the jobs\)/);
    const unknownPath = await getJson<{ error: string }>(`${url}api/v2/jobs`);
    assert.equal(unknownPath.status, 404);
    assert.match(unknownPath.body.error, /No such resource: \/api\/v2\/jobs/);
    const overview = await getJson<{ jobs: Record<string, number> }>(`${url}api/v1/overview`);
    assert.deepEqual(overview.body.jobs, { running: 0, finished: 0, cancelled: 1, failed: 0 });
  } finally {
    await engine.close();
  }
});

test('POST /api/v1/jobs/:id/savepoints writes a savepoint of a checkpointed job, and stops it with {"stop": true}', async () => {
  const { engine, url } = await startEngine({ 'execution.checkpointing.interval': '100 ms', 'pipeline.name': 'rest-savepoint', 'state.backend': 'sqlite' });
  try {
    await engine.execute(`CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '2000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000');
      CREATE TABLE out (k BIGINT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'sqlite', 'path' = 'out.db')`);
    const started = await engine.execute('INSERT INTO out SELECT id % 3, COUNT(*) FROM src GROUP BY id % 3');
    assert.equal(started.kind, 'job');
    const { body } = await getJson<{ jobs: { id: string }[] }>(`${url}api/v1/jobs`);
    const id = body.jobs[0]!.id;
    const running = await until(async () => (await getJson<JobWithRates>(`${url}api/v1/jobs/${id}`)).body, (j) => (j.checkpoints?.completed ?? 0) > 1, 'two checkpoints');
    const checkpoints = running.checkpoints!;
    assert.ok(checkpoints.recent.length >= 2 && checkpoints.recent.length <= 10);
    const [newest, older] = checkpoints.recent;
    assert.ok(newest!.id > older!.id, 'newest first');
    assert.equal(newest!.kind, 'checkpoint');
    assert.ok(newest!.durationMs >= newest!.commitMs && newest!.notifyMs >= 0);
    assert.ok(newest!.completedAt >= older!.completedAt && newest!.completedAt <= Date.now());
    assert.ok(checkpoints.databaseBytes! > 0, 'the job database size');
    const metrics = await (await fetch(`${url}metrics`)).text();
    assert.match(metrics, new RegExp(`^sluice_job_database_bytes\\{job="rest-savepoint",job_id="${id}"\\} \\d+$`, 'm'));
    assert.match(metrics, /^sluice_job_last_checkpoint_duration_seconds\{job="rest-savepoint",job_id="[0-9a-f]{32}"\} [\d.e-]+$/m);
    const response = await post(`${url}api/v1/jobs/${id}/savepoints`, { stop: true });
    assert.equal(response.status, 200);
    const result = (await response.json()) as { id: string; savepoint: string; stopped: boolean };
    assert.equal(result.stopped, true);
    assert.match(result.savepoint, /savepoint-rest-savepoint-\d+/);
    assert.ok(existsSync(join(result.savepoint, 'job.db')));
    assert.equal(started.kind === 'job' ? (await started.job.done()).status : undefined, 'cancelled');
    const bad = await post(`${url}api/v1/jobs/${id}/savepoints`, '{');
    assert.equal(bad.status, 409, 'the job is no longer running');
  } finally {
    await engine.close();
  }
});

test('the dashboard is served: its page, script and styles', async () => {
  const { engine, url } = await startEngine();
  try {
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.match(html, /<script src="dashboard.js" type="module">/);
    const script = await fetch(`${url}dashboard.js`);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(await script.text(), /api\/v1\/jobs/);
    assert.equal((await fetch(`${url}dashboard.css`)).status, 200);
  } finally {
    await engine.close();
  }
});

test("a port in use is a clear error, and 'rest.port' is turned off again", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const engine = new Engine();
  try {
    await assert.rejects(engine.execute(`SET 'rest.port' = '${port}'`), (error: Error) => {
      assert.equal(error.name, 'PlanError');
      assert.match(error.message, new RegExp(`Cannot start the REST server on 127\\.0\\.0\\.1:${port}: listen EADDRINUSE.*choose another 'rest.port'`));
      return true;
    });
    assert.equal(engine.monitoringUrl, undefined);
    const next = await engine.execute('SET');
    assert.equal(next.kind, 'table');
    assert.deepEqual(next.kind === 'table' ? next.rows.find((row) => row[0] === 'rest.port') : undefined, ['rest.port', '']);
    await assert.rejects(engine.execute("SET 'rest.port' = 'http'"), /Invalid value 'http' for 'rest.port': must be a port number/);
  } finally {
    await engine.close();
    blocker.close();
  }
});

test("RESET 'rest.port' stops the server; startMonitoring() starts it from the API", async () => {
  const { engine, url } = await startEngine();
  try {
    await engine.execute("RESET 'rest.port'");
    assert.equal(engine.monitoringUrl, undefined);
    await assert.rejects(fetch(`${url}api/v1/overview`));
    const again = await engine.startMonitoring({ port: 0 });
    assert.match(again, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal((await fetch(`${again}api/v1/overview`)).status, 200);
  } finally {
    await engine.close();
  }
  assert.equal(engine.monitoringUrl, undefined, 'close() stops the server');
});

test('GET /api/v1/jobs/:id/vertices/:vertex/result: an operator\'s current result rows, as JSON', async () => {
  const { engine, url } = await startEngine();
  try {
    await engine.execute(`CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '2000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000');
      CREATE TABLE out (k BIGINT, n BIGINT) WITH ('connector' = 'blackhole')`);
    const started = await engine.execute('INSERT INTO out SELECT id % 3, COUNT(*) FROM src GROUP BY id % 3');
    assert.equal(started.kind, 'job');
    const id = (await getJson<{ jobs: { id: string }[] }>(`${url}api/v1/jobs`)).body.jobs[0]!.id;
    const job = (await getJson<JobWithRates>(`${url}api/v1/jobs/${id}`)).body;
    const aggregate = job.vertices.find((v) => v.name.startsWith('GroupAggregate'))!;
    assert.deepEqual(job.vertices.filter((v) => v.queryable).map((v) => v.id), [aggregate.id]);
    type Result = { columns: { name: string; type: string }[]; total: number; rows: Record<string, unknown>[] };
    const result = await until(async () => (await getJson<Result>(`${url}api/v1/jobs/${id}/vertices/${aggregate.id}/result`)).body, (r) => r.total === 3, 'three keys');
    assert.deepEqual(result.columns.map((c) => c.type), ['INT', 'BIGINT'], 'id % 3 is an INT, as MOD in Flink');
    const [key, count] = result.columns.map((c) => c.name) as [string, string];
    assert.deepEqual(result.rows.map((row) => row[key]).sort(), [0, 1, 2]);
    assert.ok(result.rows.every((row) => typeof row[count] === 'number' && row[count] > 0), 'BIGINT counts are JSON numbers');
    const limited = await getJson<Result>(`${url}api/v1/jobs/${id}/vertices/${aggregate.id}/result?limit=1`);
    assert.equal(limited.body.rows.length, 1);
    assert.equal(limited.body.total, 3);
    const notQueryable = await getJson<{ error: string }>(`${url}api/v1/jobs/${id}/vertices/${job.vertices[0]!.id}/result`);
    assert.equal(notQueryable.status, 409);
    assert.match(notQueryable.body.error, /TableSourceScan#\d+ of job 'insert-into_out' does not keep its result rows in state/);
    const badLimit = await getJson<{ error: string }>(`${url}api/v1/jobs/${id}/vertices/${aggregate.id}/result?limit=many`);
    assert.equal(badLimit.status, 400);
    await post(`${url}api/v1/jobs/${id}/stop`);
    const gone = await getJson<{ error: string }>(`${url}api/v1/jobs/${id}/vertices/${aggregate.id}/result`);
    assert.equal(gone.status, 409);
    assert.match(gone.body.error, /is not running: cancelled; its state is gone/);
  } finally {
    await engine.close();
  }
});

test('POST /api/v1/sql runs a SELECT: a bounded one to its end, an unbounded one up to its limits; bad SQL is a 400', async () => {
  const { engine, url } = await startEngine();
  const sql = async (body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await post(`${url}api/v1/sql`, body);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  try {
    await engine.execute(`CREATE TABLE nums (n BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '5');
      CREATE TABLE endless (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000')`);
    const catalog = (await getJson<{ tables: { name: string; kind: string; connector: string | null; columns: { name: string; type: string }[] }[] }>(`${url}api/v1/tables`)).body;
    assert.deepEqual(catalog.tables.map((t) => [t.name, t.kind, t.connector, t.columns.map((c) => `${c.name} ${c.type}`)]), [
      ['endless', 'table', 'datagen', ['n BIGINT']],
      ['nums', 'table', 'datagen', ['n BIGINT']],
    ]);
    const bounded = await sql({ statement: 'SELECT n * 10 AS tens FROM nums WHERE n > 2;' });
    assert.equal(bounded.status, 200);
    assert.deepEqual(bounded.body, { columns: [{ name: 'tens', type: 'BIGINT', nullable: true }], rows: [{ tens: 30 }, { tens: 40 }, { tens: 50 }], complete: true });
    const grouped = await sql({ statement: 'SELECT COUNT(*) AS c FROM nums' });
    assert.deepEqual(grouped.body['rows'], [{ c: 5 }], 'an updating result is applied: only the final row');
    const ordered = await sql({ statement: 'SELECT n FROM nums ORDER BY n DESC LIMIT 3' });
    assert.deepEqual(ordered.body['rows'], [{ n: 5 }, { n: 4 }, { n: 3 }], 'in the ORDER BY');

    const limited = await sql({ statement: 'SELECT n FROM endless', limit: 3 });
    assert.equal((limited.body['rows'] as unknown[]).length, 3);
    assert.equal(limited.body['complete'], false);
    const timed = await sql({ statement: 'SELECT COUNT(*) AS c FROM endless', timeoutMs: 300 });
    assert.equal(timed.body['complete'], false);
    assert.equal((timed.body['rows'] as unknown[]).length, 1);
    assert.equal(engine.jobReports().filter((job) => job.status === 'running').length, 0, 'stopped queries are cancelled');

    const typo = await sql({ statement: 'SELECT nn FROM nums' });
    assert.equal(typo.status, 400);
    assert.match(String(typo.body['error']), /Unknown column 'nn' at 1:8 \(did you mean 'n'\?\)/);
    const notSelect = await sql({ statement: "CREATE TABLE x (a INT) WITH ('connector' = 'blackhole')" });
    assert.equal(notSelect.status, 400);
    assert.match(String(notSelect.body['error']), /takes exactly one SELECT statement/);
    assert.equal((await sql({})).status, 400);
    assert.equal((await sql({ statement: 'SELECT 1', timeoutMs: 3_600_000 })).status, 400);
  } finally {
    await engine.close();
  }
});
