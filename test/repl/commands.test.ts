import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, commandNames, findCommand } from '../../repl/commands/index.js';
import { readScript } from '../../repl/commands/include.js';
import { errorReport } from '../../repl/format/error-report.js';
import { jobsTable, shellStatement } from '../../repl/session/shell-statements.js';
import { toneOf } from '../../repl/state/output.js';
import { PlanError } from '../../src/index.js';

describe('shell commands', () => {
  it('finds commands by name, case-insensitively, with or without ;, and backslash commands with arguments', () => {
    assert.equal(findCommand('quit')?.command.names[0], 'quit');
    assert.equal(findCommand(' EXIT; ')?.command.names[0], 'quit');
    assert.equal(findCommand('help;')?.command.names[0], 'help');
    assert.equal(findCommand('\\?')?.command.names[0], 'help');
    assert.deepEqual(findCommand('\\mode changelog')?.argument, 'changelog');
    assert.equal(findCommand('\\i  my file.sql;')?.argument, 'my file.sql');
    assert.equal(findCommand('SELECT 1;'), null);
    assert.equal(findCommand('exit now'), null);
    assert.equal(findCommand(''), null);
    assert.ok(commandNames().includes('\\timing'));
  });

  it('quit exits, \\dt runs SHOW TABLES, \\mode and \\timing change settings, help lists every command', () => {
    const run = (line: string) => findCommand(line)?.command.run(findCommand(line)?.argument ?? '');
    assert.deepEqual(run('quit'), { kind: 'exit' });
    assert.deepEqual(run('\\dt'), { kind: 'run', statements: ['SHOW TABLES'] });
    assert.deepEqual(run('\\mode TABLEAU'), { kind: 'set-mode', mode: 'tableau' });
    assert.equal(run('\\mode wide')?.kind, 'print');
    assert.deepEqual(run('\\timing on'), { kind: 'timing', on: true });
    assert.deepEqual(run('\\timing'), { kind: 'timing', on: null });
    const outcome = run('help');
    assert.ok(outcome && outcome.kind === 'print');
    for (const command of COMMANDS) assert.ok(outcome.lines.some((line) => line.includes(command.names[0] ?? '?')));
  });

  it('\\i reads the statements of a file, skipping comments; a missing file is an error', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-include-'));
    try {
      writeFileSync(join(directory, 'a.sql'), "-- setup\nCREATE TABLE t (a INT);\nSELECT ';' FROM t;\n-- the end\n");
      assert.deepEqual(readScript('a.sql', directory), { kind: 'run', statements: ['-- setup\nCREATE TABLE t (a INT)', "SELECT ';' FROM t"] });
      const missing = readScript("'nope.sql'", directory);
      assert.ok(missing.kind === 'print' && /cannot read 'nope.sql' \(ENOENT\)/.test(missing.lines[0] ?? ''));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('statements the shell answers', () => {
  it('recognises SOURCE, STOP JOB, SHOW JOBS and the result-mode key', () => {
    assert.deepEqual(shellStatement("source 'a b.sql'"), { kind: 'source', file: 'a b.sql' });
    assert.deepEqual(shellStatement("STOP JOB 'it''s';"), { kind: 'stop-job', name: "it's", withSavepoint: false });
    assert.deepEqual(shellStatement("STOP JOB 'j' WITH SAVEPOINT"), { kind: 'stop-job', name: 'j', withSavepoint: true });
    assert.deepEqual(shellStatement('show  jobs'), { kind: 'show-jobs' });
    assert.deepEqual(shellStatement("SET 'sql-client.execution.result-mode' = 'CHANGELOG'"), { kind: 'set-result-mode', mode: 'changelog' });
    assert.equal(shellStatement("SET 'state.backend' = 'sqlite'"), null);
    assert.equal(shellStatement('SELECT 1'), null);
  });

  it('lists jobs with elapsed time and throughput', () => {
    const jobId = 'a'.repeat(32);
    const table = jobsTable([{ jobName: 'insert-into_s', jobId, startedAt: 0, status: 'running', elapsedMs: 2_000, recordsIn: 500, recordsOut: 20, lateRecords: 1 }]);
    assert.deepEqual(table.rows, [['insert-into_s', 'running', '2.00 s', 500, 250, 20, 1, jobId]]);
  });
});

describe('error report', () => {
  it('shows the statement line with a caret under the position, and the hint', () => {
    const error = new PlanError("Unknown column 'pric'", { position: { line: 2, column: 8 }, hint: "did you mean 'price'?" });
    assert.deepEqual(errorReport(error, 'SELECT\n  a, b, pric FROM bids', false), [
      "Error: Unknown column 'pric' at 2:8",
      '    a, b, pric FROM bids',
      '         ^',
      "Hint: did you mean 'price'?",
    ]);
    assert.deepEqual(errorReport(new PlanError('No such thing'), 'x', false), ['Error: No such thing']);
  });

  it('colours summary lines by level', () => {
    assert.equal(toneOf('[WARN] bids: 2 late records dropped'), 'warn');
    assert.equal(toneOf('[INFO] ok'), 'info');
    assert.equal(toneOf('Error: x'), 'error');
  });
});
