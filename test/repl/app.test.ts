/** Drives the shell's ink app through fake terminal streams with a scripted engine. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { createElement } from 'react';
import { enableInteractiveRendering } from '../../repl/interactive-mode.js';
import type { ShellEngine } from '../../repl/shell-engine.js';
import { HistoryFile } from '../../repl/state/history-file.js';
import { PlanError, splitStatements, type Change, type QueryResult, type StatementResult } from '../../src/index.js';

// CI sets CI=true, which makes ink render only the final frame; the shell forces interactive rendering the same way.
enableInteractiveRendering();
const { render } = await import('ink');
const { App } = await import('../../repl/app.js');

const UP = '\u001b[A';
const TAB = '\t';

class FakeTerminal {
  readonly stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
  });
  readonly stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  private text = '';

  constructor() {
    this.stdout.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
    });
  }

  /** Everything written, without ANSI escape sequences (colours, cursor movement). */
  get output(): string {
    return this.text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  }

  /** What was written after the last mark (ink redraws the live area: the newest frame is at the end). */
  since(mark: number): string {
    return this.output.slice(mark);
  }

  type(text: string): void {
    this.stdin.write(text);
  }
}

const COLUMNS = [
  { name: 'item', type: 'STRING', nullable: true },
  { name: 'n', type: 'BIGINT', nullable: false },
];

function queryOf(changes: readonly Change[], endless: boolean): QueryResult {
  let cancel: () => void = () => undefined;
  const cancelled = new Promise<void>((resolve) => {
    cancel = resolve;
  });
  return {
    columns: COLUMNS,
    updating: true,
    async *[Symbol.asyncIterator]() {
      yield* changes;
      if (endless) await cancelled;
    },
    toArray: async () => [],
    cancel: async () => cancel(),
    done: async () => ({ jobName: 'collect', status: endless ? 'cancelled' : 'finished', elapsedMs: 1, recordsIn: 3, tables: [] }),
  };
}

const UPDATES: Change[] = [
  { op: '+I', row: { item: 'A', n: 1n } },
  { op: '-U', row: { item: 'A', n: 1n } },
  { op: '+U', row: { item: 'A', n: 2n } },
];

class ScriptedEngine implements ShellEngine {
  readonly executed: string[] = [];
  async execute(sql: string): Promise<StatementResult> {
    this.executed.push(sql);
    if (sql.startsWith('SHOW')) return { kind: 'table', columns: ['table name'], rows: [['bids']] };
    if (sql.startsWith('SELECT item, n FROM t')) return { kind: 'query', result: queryOf(UPDATES, false) };
    if (sql.startsWith('SELECT item, n FROM endless')) return { kind: 'query', result: queryOf(UPDATES, true) };
    if (sql.startsWith('SELECT')) throw new PlanError("Unknown column 'pric'", { position: { line: 1, column: 8 }, hint: "did you mean 'price'?" });
    return { kind: 'ok', message: "Table 'bids' created." };
  }
  tableNames = () => ['bids', 'auctions'];
  describeTable = () => [{ name: 'price', type: 'DECIMAL(10, 2)', nullable: true }];
  settings = () => ({ 'state.backend': 'memory' });
  watermarks = () => [];
  jobReports = () => [{ jobName: 'collect', jobId: 'f'.repeat(32), startedAt: 0, status: 'running' as const, elapsedMs: 10, recordsIn: 3, recordsOut: 0, lateRecords: 0 }];
  stopJob = async () => 1;
  savepointJob = async (): Promise<string[]> => [];
}

async function until(condition: () => boolean, what: string, terminal?: FakeTerminal): Promise<void> {
  const deadline = Date.now() + 20_000; // generous: CI runs test files in parallel on 2 cores
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new assert.AssertionError({ message: `timed out waiting for ${what}${terminal ? `\n--- screen ---\n${terminal.output.slice(-2000)}` : ''}` });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const directory = mkdtempSync(join(tmpdir(), 'sluice-app-'));
after(() => rmSync(directory, { recursive: true, force: true }));

async function startApp(historyName: string) {
  const terminal = new FakeTerminal();
  const engine = new ScriptedEngine();
  const history = new HistoryFile(join(directory, historyName));
  const instance = render(createElement(App, { engine, split: splitStatements, banner: ['Welcome'], debug: false, history }), {
    stdin: terminal.stdin as unknown as NodeJS.ReadStream,
    stdout: terminal.stdout as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await until(() => terminal.output.includes('Welcome'), 'the banner', terminal);
  // Ink attaches its stdin listener in an effect after the first render; typing earlier can be lost under load.
  await until(() => terminal.stdin.listenerCount('readable') + terminal.stdin.listenerCount('data') > 0, 'ink to listen on stdin');
  return { terminal, engine, instance };
}

describe('shell app', () => {
  it('runs multi-line statements, prints results and the materialised query result, exits on Ctrl-D', async () => {
    const { terminal, engine, instance } = await startApp('h1');
    terminal.type('CREATE TABLE bids');
    await until(() => terminal.output.includes('CREATE TABLE bids'), 'echo of typing', terminal);
    terminal.type('\r');
    await until(() => terminal.output.includes('->'), 'a continuation prompt', terminal);
    assert.deepEqual(engine.executed, [], 'an unfinished statement does not run');
    terminal.type('(a INT);\r');
    await until(() => terminal.output.includes("[INFO] Table 'bids' created."), 'the DDL message', terminal);
    assert.deepEqual(engine.executed, ['CREATE TABLE bids\n(a INT)']);

    terminal.type('SHOW TABLES;\r');
    await until(() => terminal.output.includes('| bids       |'), 'the SHOW TABLES result', terminal);

    terminal.type('SELECT item, n FROM t;\r');
    await until(() => /1 row in set \(\d+ ms\)/.test(terminal.output), 'the final query table', terminal);
    const finalTable = terminal.output.slice(terminal.output.lastIndexOf('| item   |'));
    assert.match(finalTable, /^\| item   \|      n \|\n\| STRING \| BIGINT \|/);
    assert.match(finalTable, /\| A      \|      2 \|/);
    assert.doesNotMatch(finalTable, /\| A      \|      1 \|/, 'the retracted row is not in the final table');

    terminal.type('\u0004');
    await instance.waitUntilExit();
  });

  it('shows a continuous query live with a status line; q stops it and the prompt comes back', async () => {
    const { terminal, instance } = await startApp('h2');
    terminal.type('\\mode changelog\r');
    await until(() => terminal.output.includes('Result mode: changelog'), 'the mode change', terminal);
    const mark = terminal.output.length;
    terminal.type('SELECT item, n FROM endless;\r');
    await until(() => /● running .*│ changes 1-3 of 3/.test(terminal.since(mark)), 'the live status line', terminal);
    assert.match(terminal.since(mark), /\| op \| item   \|      n \|/);
    assert.match(terminal.since(mark), /\| \+U \| A      \|      2 \|/);
    terminal.type('q');
    await until(() => terminal.since(mark).includes('[INFO] Query stopped after'), 'the stop message', terminal);
    await until(() => /sluice> $/.test(terminal.since(mark).trimEnd() + ' '), 'the prompt', terminal);

    terminal.type('SELECT pric FROM bids;\r');
    await until(() => terminal.output.includes('Hint: did you mean'), 'the error', terminal);
    assert.match(terminal.output, /Error: Unknown column 'pric' at 1:8\n  SELECT pric FROM bids\n         \^\n/);
    terminal.type('quit\r');
    await instance.waitUntilExit();
  });

  it('completes with Tab, recalls history with Up and Ctrl-R, and saves it to the history file', async () => {
    const { terminal, engine, instance } = await startApp('h3');
    terminal.type('SELECT * FROM bi');
    await until(() => terminal.output.includes('SELECT * FROM bi'), 'echo of typing', terminal);
    terminal.type(TAB); // a key of its own, as from a keyboard (inside pasted text a tab is just spacing)
    await until(() => terminal.output.includes('SELECT * FROM bids'), 'the completed table name', terminal);
    terminal.type(';\r');
    await until(() => engine.executed.length === 1, 'the statement to run', terminal);
    assert.deepEqual(engine.executed, ['SELECT * FROM bids']);
    await until(() => terminal.output.includes('Hint:'), 'its error', terminal);
    terminal.type('SHOW TABLES;\r');
    await until(() => engine.executed.length === 2, 'SHOW TABLES', terminal);
    await until(() => terminal.output.includes('| bids       |'), 'the SHOW TABLES result', terminal);

    terminal.type(UP);
    await until(() => terminal.output.endsWith('SHOW TABLES;\n') || /sluice> SHOW TABLES;\s*$/.test(terminal.output), 'the newest entry', terminal);
    terminal.type(UP);
    await until(() => /sluice> SELECT \* FROM bids;\s*$/.test(terminal.output), 'the older entry', terminal);
    terminal.type('\r');
    await until(() => engine.executed.length === 3, 'the recalled statement', terminal);
    assert.equal(engine.executed[2], 'SELECT * FROM bids');

    terminal.type('\u0012'); // Ctrl-R
    await until(() => terminal.output.includes("(reverse-i-search)'':"), 'the search prompt', terminal);
    terminal.type('SHOW');
    await until(() => terminal.output.includes("(reverse-i-search)'SHOW': SHOW TABLES;"), 'the search', terminal);
    terminal.type('\r');
    await until(() => engine.executed.length === 4, 'the found statement', terminal);
    assert.equal(engine.executed[3], 'SHOW TABLES');

    const saved = readFileSync(join(directory, 'h3'), 'utf8').trim().split('\n');
    assert.deepEqual(saved, ['SELECT * FROM bids;', 'SHOW TABLES;', 'SELECT * FROM bids;', 'SHOW TABLES;']);
    terminal.type('\u0004');
    await instance.waitUntilExit();
  });
});
