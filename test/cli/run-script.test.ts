import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlanError } from '../../src/common/errors.js';
import { Interruption } from '../../src/cli/interruption.js';
import { runScript, type RunScriptOptions } from '../../src/cli/run-script.js';
import { FakeEngine, RecordingOutput, fakeJob, fakeQuery } from './fake-engine.js';

function options(changelog = false): RunScriptOptions {
  return { changelog, debug: false, interruption: new Interruption(), sourceName: 'job.sql' };
}

const columns = [
  { name: 'item', type: 'STRING', nullable: true },
  { name: 'total', type: 'DECIMAL(10, 2)', nullable: true },
];

describe('runScript', () => {
  it('prints DDL messages to stderr and finished tables to stdout', async () => {
    const engine = new FakeEngine([
      { kind: 'ok', message: "Table 'bids' created." },
      { kind: 'table', columns: ['table name'], rows: [['bids']] },
    ]);
    const output = new RecordingOutput();
    assert.equal(await runScript(engine, 'sql', output, options()), 0);
    assert.deepEqual(output.stderr, ["[INFO] Table 'bids' created."]);
    assert.deepEqual(output.stdout, ['+------------+', '| table name |', '+------------+', '| bids       |', '+------------+', '1 row in set']);
  });

  it('waits for a job and prints its summary, late records loudly', async () => {
    const engine = new FakeEngine([{ kind: 'job', job: fakeJob(true) }]);
    const output = new RecordingOutput();
    assert.equal(await runScript(engine, 'sql', output, options()), 0);
    assert.equal(output.stderr[0], "[INFO] Submitted job 'insert-into-sink'.");
    assert.match(output.stderr[1] ?? '', /^\[INFO\] Job 'insert-into-sink' finished in 100 ms: 6 records in, 60 events\/s\.$/);
    assert.ok(output.stderr.includes('[WARN] bids: 2 late records dropped (arrived after their windows fired)'));
    assert.deepEqual(output.stdout, []);
  });

  it("prints a query's final rows as a table", async () => {
    const query = fakeQuery(columns, [], [{ item: 'A', total: '2.00' }, { item: 'B', total: '10.50' }]);
    const output = new RecordingOutput();
    assert.equal(await runScript(new FakeEngine([{ kind: 'query', result: query }]), 'sql', output, options()), 0);
    assert.deepEqual(output.stdout.slice(3, 5), ['| A    |  2.00 |', '| B    | 10.50 |']);
  });

  it('streams changes with --changelog', async () => {
    const query = fakeQuery(
      columns,
      [
        { op: '+I', row: { item: 'A', total: '2.00' } },
        { op: '-U', row: { item: 'A', total: '2.00' } },
        { op: '+U', row: { item: 'A', total: '5.00' } },
      ],
      [],
    );
    const output = new RecordingOutput();
    await runScript(new FakeEngine([{ kind: 'query', result: query }]), 'sql', output, options(true));
    assert.deepEqual(
      output.stdout.slice(3, 6).map((line) => line.slice(0, 4)),
      ['| +I', '| -U', '| +U'],
    );
    assert.equal(output.stdout[output.stdout.length - 1], 'Received 3 changes.');
  });

  it('reports errors with the file name and exits with 1', async () => {
    const error = new PlanError("Unknown column 'pric'", { position: { line: 3, column: 10 }, hint: "did you mean 'price'?" });
    const output = new RecordingOutput();
    assert.equal(await runScript(new FakeEngine([error]), 'sql', output, options()), 1);
    assert.deepEqual(output.stderr, ["Error: job.sql: Unknown column 'pric' at 3:10 (did you mean 'price'?)"]);
  });

  it('cancels the running job on interrupt, prints the summary and exits with 130', async () => {
    const job = fakeJob(false);
    const engine = new FakeEngine([{ kind: 'job', job }, { kind: 'ok', message: 'never printed' }]);
    const output = new RecordingOutput();
    const runOptions = options();
    const running = runScript(engine, 'sql', output, runOptions);
    setTimeout(() => runOptions.interruption.interrupt(), 10);
    assert.equal(await running, 130);
    assert.equal(job.cancelled, true);
    assert.match(output.stderr.join('\n'), /Job 'insert-into-sink' cancelled/);
    assert.ok(!output.stderr.includes('[INFO] never printed'));
  });
});
