/**
 * Partitioned filesystem tables (`PARTITIONED BY`): rows go to `col=value/` directories without their partition
 * columns (Hive escaping, NULL as `__DEFAULT_PARTITION__`), JSON and CSV; reading puts the rows back together; with
 * checkpoints each partition's part file is published at the checkpoint and a restart cleans up what was written
 * after it; the errors name the place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorError, NotImplementedError, PlanError } from '../../src/common/errors.js';
import { Engine, type Row } from '../../src/index.js';
import { escapePathName, unescapePathName } from '../../src/connectors/filesystem/partitions.js';
import { compileFormatter, partitionTime } from '../../src/connectors/filesystem/partition-time.js';
import { readFilesystemOptions } from '../../src/connectors/filesystem/options.js';
import { FilesystemSink } from '../../src/connectors/filesystem/sink.js';
import { INT, STRING } from '../../src/common/types.js';
import type { ConnectorDescriptor } from '../../src/dataflow/graph.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { job } from '../support/job-output.js';

const ROWS = [
  { id: 1, day: '2024-01-01', kind: 'a', price: 10 },
  { id: 2, day: '2024-01-01', kind: 'b/c', price: 20 },
  { id: 3, day: '2024-01-02', kind: null, price: 30 },
  { id: 4, day: '2024-01-02', kind: 'a', price: 40 },
];

function engine(dir: string): Engine {
  const e = new Engine({ baseDirectory: dir, printLine: () => {} });
  e.registerTable('src', {
    columns: [{ name: 'id', type: 'INT' }, { name: 'day', type: 'DATE' }, { name: 'kind', type: 'STRING' }, { name: 'price', type: 'INT' }],
    rows: ROWS,
  });
  return e;
}

/** Every visible file below `dir`, relative, sorted, with its lines. */
function files(dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (name.split('/').some((part) => part.startsWith('.')) || !existsSync(path) || readdirSync(dir, { withFileTypes: true }).length === 0) continue;
    try {
      out[name.replace(/part-[^/]*$/, 'part')] = readFileSync(path, 'utf8').split('\n').filter(Boolean).sort();
    } catch {
      // a directory
    }
  }
  return out;
}

const showCreate = async (e: Engine, table: string): Promise<string> => {
  const result = await e.execute(`SHOW CREATE TABLE ${table}`);
  return result.kind === 'table' ? String(result.rows[0]![0]) : '';
};

const sorted = (rows: readonly Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

for (const format of ['json', 'csv'] as const) {
  test(`rows go to col=value/ directories without their partition columns and read back whole (${format})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
    const e = engine(dir);
    await e.execute(`CREATE TABLE out (id INT, day DATE, kind STRING, price INT) PARTITIONED BY (day, kind)
      WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = '${format}')`);
    await job(await e.execute('INSERT INTO out SELECT * FROM src')).done();
    const written = files(join(dir, 'out'));
    const line = (id: number, price: number): string => (format === 'json' ? `{"id":${id},"price":${price}}` : `${id},${price}`);
    assert.deepEqual(written, {
      'day=2024-01-01/kind=a/part': [line(1, 10)],
      'day=2024-01-01/kind=b%2Fc/part': [line(2, 20)],
      'day=2024-01-02/kind=__DEFAULT_PARTITION__/part': [line(3, 30)],
      'day=2024-01-02/kind=a/part': [line(4, 40)],
    });
    const back = await e.query('SELECT id, CAST(day AS STRING) AS day, kind, price FROM out').toArray();
    assert.deepEqual(sorted(back), sorted(ROWS));
    const filtered = await e.query("SELECT id FROM out WHERE kind = 'a' AND day = DATE '2024-01-02'").toArray();
    assert.deepEqual(filtered.map((r) => r['id']), [4]);
  });
}

test('with checkpoints, each partition\'s part file is published at the checkpoint; SHOW CREATE TABLE and LIKE keep the partitions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
  const e = new Engine({ baseDirectory: dir, printLine: () => {}, config: { 'execution.checkpointing.interval': '20 ms', 'sluice.batch-size': '100' } });
  await e.execute(`CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3000', 'rows-per-second' = '20000',
    'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3000')`);
  await e.execute(`CREATE TABLE out (id BIGINT, bucket INT) PARTITIONED BY (bucket) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv')`);
  const summary = await job(await e.execute('INSERT INTO out SELECT id, CAST(id % 3 AS INT) FROM gen')).done();
  assert.ok((summary.checkpoints?.completed ?? 0) > 1, 'several checkpoints');
  for (const bucket of [0, 1, 2]) {
    const partition = join(dir, 'out', `bucket=${bucket}`);
    const names = readdirSync(partition);
    assert.ok(names.every((name) => !name.startsWith('.')), `no in-progress file left in bucket=${bucket}`);
    const ids = names.flatMap((name) => readFileSync(join(partition, name), 'utf8').split('\n').filter(Boolean)).map(Number);
    assert.equal(ids.length, 1000);
    assert.ok(ids.every((id) => id % 3 === bucket));
  }
  assert.match(await showCreate(e, 'out'), /\)\nPARTITIONED BY \(`bucket`\)\nWITH \(/);
  await e.execute("CREATE TABLE copy WITH ('path' = 'copy') LIKE out");
  assert.match(await showCreate(e, 'copy'), /PARTITIONED BY \(`bucket`\)/);
  await e.execute("CREATE TABLE flat WITH ('path' = 'flat') LIKE out (EXCLUDING PARTITIONS)");
  assert.doesNotMatch(await showCreate(e, 'flat'), /PARTITIONED/);
});

test('errors: other connectors, unknown or unsupported columns, and files outside the partition directories', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
  const e = engine(dir);
  await assert.rejects(e.execute("CREATE TABLE k (a INT, b INT) PARTITIONED BY (b) WITH ('connector' = 'print')"),
    (error: unknown) => error instanceof NotImplementedError && /PARTITIONED BY is supported by the filesystem connector only, not 'print' at 1:47/.test(error.message));
  await assert.rejects(e.execute("CREATE TABLE k (a INT, b INT) PARTITIONED BY (c) WITH ('connector' = 'filesystem', 'path' = 'k', 'format' = 'json')"),
    (error: unknown) => error instanceof PlanError && /PARTITIONED BY names 'c', which is not a physical column of 'k'/.test(error.message));
  await assert.rejects(e.execute("CREATE TABLE k (a INT, b DOUBLE) PARTITIONED BY (b) WITH ('connector' = 'filesystem', 'path' = 'k', 'format' = 'json')"),
    (error: unknown) => error instanceof NotImplementedError && /A partition column of type DOUBLE is not supported yet/.test(error.message));
  mkdirSync(join(dir, 'in', 'b=1'), { recursive: true });
  writeFileSync(join(dir, 'in', 'b=1', 'f.json'), '{"a": 1}\n');
  writeFileSync(join(dir, 'in', 'stray.json'), '{"a": 2}\n');
  await e.execute("CREATE TABLE input (a INT, b INT) PARTITIONED BY (b) WITH ('connector' = 'filesystem', 'path' = 'in', 'format' = 'json')");
  await assert.rejects(e.query('SELECT * FROM input').toArray(),
    (error: unknown) => error instanceof ConnectorError && /File 'in\/stray.json' is not in a partition directory: a partitioned table's files are at b=…\//.test(error.message));
});

test('Hive path escaping round-trips', () => {
  for (const text of ['a/b', 'x=y', '50%', 'a:b?c#d', 'plain text', 'Zoë 東京', "it's", '\u0001']) {
    assert.equal(unescapePathName(escapePathName(text)), text);
  }
  assert.equal(escapePathName('a/b=c:d'), 'a%2Fb%3Dc%3Ad');
});

test('a savepoint mid-stream, resumed: every row exactly once, and this job\'s in-progress files from after it are deleted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
  const ddl = `SET 'execution.checkpointing.interval' = '20 ms';
    SET 'pipeline.name' = 'p';
    CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '6000', 'rows-per-second' = '4000',
      'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '6000');
    CREATE TABLE out (id BIGINT, bucket INT) PARTITIONED BY (bucket) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');`;
  const insert = 'INSERT INTO out SELECT id, CAST(id % 2 AS INT) FROM gen';
  const engineFor = async (config: Record<string, string> = {}): Promise<Engine> => {
    const e = new Engine({ baseDirectory: dir, printLine: () => {}, config: { 'sluice.batch-size': '50', ...config } });
    await e.execute(ddl);
    return e;
  };
  const first = await engineFor();
  const running = job(await first.execute(insert));
  while ((running.counters().find((t) => t.table === 'gen')?.recordsRead ?? 0) < 1000) await new Promise((resolve) => setTimeout(resolve, 5));
  const [savepoint] = await first.savepointJob('p', { stop: true });
  assert.ok(savepoint);
  await running.done().catch(() => undefined);
  // What a crashed run of this job would leave behind after the savepoint.
  const stray = join(dir, 'out', 'bucket=1', '.part-p-crashed-run-0.inprogress');
  writeFileSync(stray, '999999,1\n');
  await job(await (await engineFor({ 'execution.state-recovery.path': savepoint! })).execute(insert)).done();
  assert.equal(existsSync(stray), false);
  const ids = [0, 1].flatMap((bucket) => {
    const partition = join(dir, 'out', `bucket=${bucket}`);
    return readdirSync(partition).filter((name) => !name.startsWith('.')).flatMap((name) => readFileSync(join(partition, name), 'utf8').split('\n').filter(Boolean).map((line) => Number(line)));
  });
  assert.equal(ids.length, 6000);
  assert.equal(new Set(ids).size, 6000);
});

test("'sink.partition-commit.policy.kind' = 'success-file': each written partition gets its _SUCCESS (at the end of a bounded job whatever the delay)", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
  const e = new Engine({ baseDirectory: dir, printLine: () => {}, config: { 'execution.checkpointing.interval': '20 ms', 'sluice.batch-size': '100' } });
  await e.execute(`CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '2000', 'rows-per-second' = '20000',
    'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '2000')`);
  for (const [name, delay] of [['soon', '0 s'], ['later', '1 h']] as const) {
    await e.execute(`CREATE TABLE ${name} (id BIGINT, bucket INT) PARTITIONED BY (bucket) WITH ('connector' = 'filesystem', 'path' = '${name}',
      'format' = 'csv', 'sink.partition-commit.policy.kind' = 'success-file', 'sink.partition-commit.delay' = '${delay}')`);
    await job(await e.execute(`INSERT INTO ${name} SELECT id, CAST(id % 2 AS INT) FROM gen`)).done();
    for (const bucket of [0, 1]) assert.ok(existsSync(join(dir, name, `bucket=${bucket}`, '_SUCCESS')), `${name}/bucket=${bucket}/_SUCCESS`);
    const back = await e.query(`SELECT COUNT(*) AS n FROM ${name}`).toArray();
    assert.equal(back[0]!['n'], 2000n, 'the success files are not read as data');
  }
  const refused = async (options: string, pattern: RegExp): Promise<void> => {
    await e.execute(`CREATE TABLE bad (id BIGINT, bucket INT) PARTITIONED BY (bucket) WITH ('connector' = 'filesystem', 'path' = 'bad', 'format' = 'csv', ${options})`);
    await assert.rejects(async () => job(await e.execute('INSERT INTO bad SELECT id, 1 FROM gen')).done(), pattern);
    await e.execute('DROP TABLE bad');
  };
  await refused("'sink.partition-commit.policy.kind' = 'metastore'", /partition commit policy 'metastore' is not supported \(a filesystem table has no metastore\)/);
  await refused("'sink.partition-commit.policy.kind' = 'success-file', 'sink.partition-commit.trigger' = 'partition-time'", /Partition 'bucket=1': '1' is not a time in the pattern/);
  await refused("'sink.partition-commit.policy.kind' = 'success-file', 'sink.partition-commit.trigger' = 'partition-time', 'partition.time-extractor.timestamp-formatter' = 'yyyy-ww'", /'yyyy-ww' is not supported yet/);
});

test('the partition-time trigger commits a partition once the watermark at a checkpoint is past its time plus the delay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
  const schema = { fields: [{ name: 'id', type: INT, nullable: true }, { name: 'dt', type: STRING, nullable: true }, { name: 'hr', type: STRING, nullable: true }] };
  const descriptor: ConnectorDescriptor = {
    table: 'out', connector: 'filesystem', schema, partitionKeys: ['dt', 'hr'],
    options: {
      connector: 'filesystem', path: 'out', format: 'csv', 'sink.partition-commit.policy.kind': 'success-file',
      'sink.partition-commit.trigger': 'partition-time', 'sink.partition-commit.delay': '1 h',
      'partition.time-extractor.timestamp-pattern': '$dt $hr:00:00',
    },
  };
  const sink = new FilesystemSink(readFilesystemOptions(descriptor, dir), schema);
  await sink.open({ metrics: new TableMetrics('out'), jobName: 'j', checkpointing: true });
  const write = (rows: [number, string, string][]): Promise<void> =>
    sink.write(makeBatch(schema, [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])]), undefined);
  const success = (hr: string): boolean => existsSync(join(dir, 'out', 'dt=2024-01-01', `hr=${hr}`, '_SUCCESS'));
  const checkpoint = async (id: number): Promise<void> => sink.commit(await sink.prepareCommit(id));

  await write([[1, '2024-01-01', '10'], [2, '2024-01-01', '11']]);
  sink.watermark(Date.UTC(2024, 0, 1, 11, 30));
  await checkpoint(1);
  assert.deepEqual([success('10'), success('11')], [true, false], 'watermark 11:30: 10:00 + 1 h has passed, 11:00 + 1 h has not');
  sink.watermark(Date.UTC(2024, 0, 1, 12, 0));
  await checkpoint(2);
  assert.equal(success('11'), false, 'the watermark must be past 12:00, not at it');
  sink.watermark(Date.UTC(2024, 0, 1, 12, 0, 1));
  await checkpoint(3);
  assert.equal(success('11'), true, 'a later checkpoint commits it without new rows');
  await write([[3, '2024-01-01', '12']]);
  sink.inputEnded();
  await checkpoint(4);
  assert.equal(success('12'), true, 'the last checkpoint commits every partition');

  const unreadable = new FilesystemSink(readFilesystemOptions({ ...descriptor, options: { ...descriptor.options, 'partition.time-extractor.timestamp-pattern': '$dt $hr' } }, dir), schema);
  await unreadable.open({ metrics: new TableMetrics('out'), jobName: 'k', checkpointing: true });
  await assert.rejects(unreadable.write(makeBatch(schema, [[1], ['2024-01-01'], ['x']]), undefined),
    /Partition 'dt=2024-01-01\/hr=x': '2024-01-01 x' is not a time in the pattern 'yyyy-MM-dd\[ HH:mm\[:ss\]\]'/);
});

test('partition times: the first value, a pattern, a formatter (a date alone is midnight), a zone', () => {
  const extract = (directory: string, pattern: string | null, formatter: string | null, zone = 'UTC'): string =>
    new Date(partitionTime({ pattern, formatter: formatter === null ? null : { text: formatter, regex: compileFormatter(formatter)! }, zone }, directory)).toISOString();
  assert.equal(extract('dt=2024-01-02', null, null), '2024-01-02T00:00:00.000Z');
  assert.equal(extract('dt=2024-01-02/hr=7', '$dt $hr:00:00', null), '2024-01-02T07:00:00.000Z');
  assert.equal(extract('day=20240102/hour=07', '$day$hour', 'yyyyMMddHH'), '2024-01-02T07:00:00.000Z');
  assert.equal(extract('day=20240102', null, 'yyyyMMdd'), '2024-01-02T00:00:00.000Z');
  assert.equal(extract('dt=2024-01-02', null, null, 'Asia/Shanghai'), '2024-01-01T16:00:00.000Z');
  assert.equal(compileFormatter('yyyy-MM-dd EEE'), null, 'unsupported pattern letters');
});

test('SHOW PARTITIONS lists the partition directories, filtered by a spec; a table without partitions is an error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-partitions-'));
  const e = engine(dir);
  await e.execute(`CREATE TABLE out (id INT, day DATE, kind STRING, price INT) PARTITIONED BY (day, kind)
    WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'json')`);
  const partitions = async (sql: string): Promise<unknown[]> => {
    const result = await e.execute(sql);
    assert.equal(result.kind, 'table');
    return result.kind === 'table' ? result.rows.map((row) => row[0]) : [];
  };
  assert.deepEqual(await partitions('SHOW PARTITIONS out'), [], 'nothing written yet');
  await job(await e.execute('INSERT INTO out SELECT * FROM src')).done();
  assert.deepEqual(await partitions('SHOW PARTITIONS out'), [
    'day=2024-01-01/kind=a', 'day=2024-01-01/kind=b%2Fc', 'day=2024-01-02/kind=__DEFAULT_PARTITION__', 'day=2024-01-02/kind=a',
  ]);
  assert.deepEqual(await partitions("SHOW PARTITIONS out PARTITION (kind = 'b/c')"), ['day=2024-01-01/kind=b%2Fc']);
  assert.deepEqual(await partitions("SHOW PARTITIONS out PARTITION (day = '2024-01-02', kind = 'a')"), ['day=2024-01-02/kind=a']);
  await assert.rejects(e.execute("SHOW PARTITIONS out PARTITION (price = 1)"), /'price' is not a partition column of 'out' \(day, kind\) at 1:32/);
  await assert.rejects(e.execute('SHOW PARTITIONS src'), /Table 'src' is not partitioned at 1:17/);
});
