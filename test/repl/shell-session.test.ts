/** The shell's behaviour (no screen) against the real engine: results, modes, jobs, errors, scripts. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { findCommand } from '../../repl/commands/index.js';
import type { LiveQuery } from '../../repl/live/live-query.js';
import { ShellSession } from '../../repl/session/shell-session.js';
import type { OutputTone } from '../../repl/state/output.js';
import { Engine } from '../../src/index.js';

const TICKS_DDL = `CREATE TABLE ticks (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',
  'fields.id.end' = '1000000000', 'fields.ts.max-past' = '1 s')`;

class RecordingView {
  readonly printed: { tone: OutputTone; lines: readonly string[] }[] = [];
  live: LiveQuery | null = null;
  rows = 30;
  print(tone: OutputTone, lines: readonly string[]): void {
    this.printed.push({ tone, lines });
  }
  showLive(query: LiveQuery | null): void {
    this.live = query;
  }
  screen() {
    return { rows: this.rows, columns: 120 };
  }
  get text(): string {
    return this.printed.flatMap((item) => item.lines).join('\n');
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out waiting for ${what}` });
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('shell session', () => {
  let engine: Engine;
  let view: RecordingView;
  let session: ShellSession;

  beforeEach(() => {
    engine = new Engine({ printLine: () => undefined });
    engine.registerTable('items', {
      columns: [
        { name: 'item', type: 'STRING' },
        { name: 'price', type: 'DECIMAL(10, 2)' },
      ],
      rows: [
        { item: 'A', price: '1.50' },
        { item: 'B', price: '2.00' },
        { item: 'A', price: '3.00' },
      ],
    });
    view = new RecordingView();
    session = new ShellSession(engine, view, false);
  });

  afterEach(() => engine.close());

  it('prints a bounded query as a table with types, row count and elapsed time', async () => {
    await session.runStatement('SELECT item, SUM(price) AS total FROM items GROUP BY item');
    assert.match(view.text, /\| item   \| +total \|\n\| STRING \| DECIMAL\(38, 2\) \|/);
    assert.match(view.text, /\| A +\| +4\.50 \|/);
    assert.match(view.text, /2 rows in set \(\d+ ms\)/);
    assert.equal(view.live, null);
  });

  it('shows the changelog in changelog mode and streams tableau rows', async () => {
    await session.runStatement("SET 'sql-client.execution.result-mode' = 'changelog'");
    assert.equal(session.mode, 'changelog');
    await session.runStatement('SELECT item, COUNT(*) AS n FROM items GROUP BY item');
    assert.match(view.text, /\| -U \| A +\| +1 \|\n\| \+U \| A +\| +2 \|/);
    session.mode = 'tableau';
    await session.runStatement('SELECT item FROM items');
    assert.match(view.text, /\| op \| item +\|\n\+----\+/);
    assert.match(view.text, /\| \+I \| B +\|/);
    assert.match(view.text, /Received a total of 3 rows/);
  });

  it('reports an error with a caret and the hint, and carries on', async () => {
    await session.runStatement('SELECT itme\nFROM items');
    const error = view.printed.find((item) => item.tone === 'error');
    assert.ok(error, view.text);
    assert.match(error.lines[0] ?? '', /^Error: Unknown column 'itme' at 1:8$/);
    assert.deepEqual(error.lines.slice(1, 3), ['  SELECT itme', '         ^']);
    assert.match(error.lines[3] ?? '', /^Hint: did you mean 'item'\?/);
    await session.runStatement('SHOW TABLES');
    assert.match(view.text, /\| items +\|/);
  });

  it('stops a continuous query on interrupt and keeps what was on screen', async () => {
    await session.runStatement(TICKS_DDL);
    const running = session.runStatement(
      "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end",
    );
    await until(() => view.live !== null && view.live.status.recordsIn > 0, 'rows to flow');
    assert.equal(view.live?.phase, 'running');
    assert.ok(session.interrupt());
    await running;
    assert.equal(view.live, null);
    assert.match(view.text, /\[INFO\] Query stopped after [\d.]+ (ms|s): /);
    assert.equal(session.interrupt(), false, 'nothing left to stop');
  });

  it('keeps a result longer than the screen in the pager until dismissed', async () => {
    view.rows = 10;
    const running = session.runStatement('SELECT item FROM items');
    await until(() => view.live?.phase === 'finished', 'the pager');
    assert.ok(session.interrupt());
    await running;
    assert.match(view.text, /3 rows in set \(\d+ ms\), shown in the pager\./);
  });

  it('submits INSERT as a background job, lists it with SHOW JOBS and stops it with STOP JOB', async () => {
    await session.runStatement(TICKS_DDL);
    await session.runStatement("CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole')");
    await session.runStatement('INSERT INTO sink SELECT id FROM ticks');
    assert.match(view.text, /Submitted job 'insert-into_sink'/);
    await until(() => (engine.jobReports()[0]?.recordsIn ?? 0) > 0, 'the job to read');
    await session.runStatement('SHOW JOBS');
    assert.match(view.text, /\| job name +\| status +\| elapsed +\| records in \| +in\/s \| records out \| late \| job id +\|/);
    assert.match(view.text, new RegExp(`\\| ${engine.jobReports()[0]!.jobId} \\|`));
    assert.match(view.text, /\| insert-into_sink \| running \|/);
    await session.runStatement("STOP JOB 'insert-into_sink'");
    assert.match(view.text, /\[INFO\] Stopped job 'insert-into_sink'\./);
    await until(() => view.text.includes("Job 'insert-into_sink' cancelled"), 'the job summary');
    await session.runStatement("STOP JOB 'insert-into_sink'");
    assert.match(view.text, /Error: No running job 'insert-into_sink'\nHint: SHOW JOBS lists the jobs|Error: No running job 'insert-into_sink'/);
  });

  it('stops a checkpointed job with a savepoint (STOP JOB … WITH SAVEPOINT) and names its directory', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-shell-savepoint-'));
    try {
      await session.runStatement(`SET 'state.dir' = '${directory}'`);
      await session.runStatement("SET 'execution.checkpointing.interval' = '100 ms'");
      await session.runStatement("SET 'pipeline.name' = 'ticks-job'");
      await session.runStatement(TICKS_DDL);
      await session.runStatement("CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole')");
      await session.runStatement('INSERT INTO sink SELECT id FROM ticks');
      await until(() => (engine.jobReports()[0]?.recordsIn ?? 0) > 0, 'the job to read');
      await session.runStatement("STOP JOB 'ticks-job' WITH SAVEPOINT");
      assert.match(view.text, /\[INFO\] Stopped job 'ticks-job' with a savepoint: .*savepoint-ticks-job-\d+-\d+ \(resume with sluice run … --from-savepoint /);
      await until(() => engine.jobReports()[0]?.status !== 'running', 'the job to stop');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('runs scripts with SOURCE and \\i, and times statements with \\timing', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-source-'));
    try {
      const file = join(directory, 'setup.sql');
      writeFileSync(file, "CREATE VIEW cheap AS SELECT item FROM items WHERE price < 2;\nSELECT * FROM cheap;\n");
      await session.runStatement(`SOURCE '${file}'`);
      assert.match(view.text, /View 'cheap' created\./);
      assert.match(view.text, /\| A +\|\n\+/);
      const call = findCommand('\\timing');
      assert.ok(call);
      await session.runCommand(call);
      await session.runStatement('SHOW TABLES');
      assert.match(view.text, /Time: \d+ ms$/);
      const include = findCommand(`\\i ${file}`);
      assert.ok(include);
      await session.runCommand(include);
      assert.match(view.text, /View 'cheap' already exists|Table 'cheap' already exists|already exists/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
