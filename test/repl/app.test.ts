/** Drives the REPL's ink app through fake terminal streams with a fake engine. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { enableInteractiveRendering } from '../../repl/interactive-mode.js';
import type { ReplEngine } from '../../repl/run-statement.js';
import type { Change, QueryResult, StatementResult } from '../../src/session/api-types.js';
import { splitStatements } from '../../src/parser/index.js';

// CI sets CI=true, which makes ink render only the final frame; the shell forces interactive rendering the same way.
enableInteractiveRendering();
const { render } = await import('ink');
const { App } = await import('../../repl/app.js');

class FakeTerminal {
  readonly stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
  });
  readonly stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 40 });
  private text = '';

  constructor() {
    this.stdout.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
    });
  }

  get output(): string {
    // Strip ANSI escape sequences (colours, cursor movement).
    return this.text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  }

  type(text: string): void {
    this.stdin.write(text);
  }
}

function updatingQuery(): QueryResult {
  const changes: Change[] = [
    { op: '+I', row: { item: 'A', n: 1n } },
    { op: '-U', row: { item: 'A', n: 1n } },
    { op: '+U', row: { item: 'A', n: 2n } },
  ];
  return {
    columns: [
      { name: 'item', type: 'STRING', nullable: true },
      { name: 'n', type: 'BIGINT', nullable: false },
    ],
    updating: true,
    async *[Symbol.asyncIterator]() {
      yield* changes;
    },
    toArray: async () => [],
    cancel: async () => undefined,
    done: async () => ({ jobName: 'q', status: 'finished', elapsedMs: 1, recordsIn: 3, tables: [] }),
  };
}

class ScriptedEngine implements ReplEngine {
  readonly executed: string[] = [];
  async execute(sql: string): Promise<StatementResult> {
    this.executed.push(sql);
    if (sql.startsWith('SHOW')) return { kind: 'table', columns: ['table name'], rows: [['bids']] };
    if (sql.startsWith('SELECT')) return { kind: 'query', result: updatingQuery() };
    return { kind: 'ok', message: "Table 'bids' created." };
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000; // generous: CI runs test files in parallel on 2 cores
  while (!condition()) {
    if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out waiting for ${what}` });
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('REPL app', () => {
  it('runs multi-line statements, prints results and the materialised query result, exits on Ctrl-D', async () => {
    const terminal = new FakeTerminal();
    const engine = new ScriptedEngine();
    const instance = render(createElement(App, { engine, split: splitStatements, banner: ['Welcome'], debug: false }), {
      stdin: terminal.stdin as unknown as NodeJS.ReadStream,
      stdout: terminal.stdout as unknown as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await until(() => terminal.output.includes('Welcome'), 'the banner');
    // Ink attaches its stdin listener in an effect after the first render; typing earlier can be lost under load.
    await until(() => terminal.stdin.listenerCount('readable') + terminal.stdin.listenerCount('data') > 0, 'ink to listen on stdin');

    terminal.type('CREATE TABLE bids');
    await until(() => terminal.output.includes('CREATE TABLE bids'), 'echo of typing');
    terminal.type('\r');
    await until(() => terminal.output.includes('->'), 'a continuation prompt');
    assert.deepEqual(engine.executed, [], 'an unfinished statement does not run');
    terminal.type('(a INT);\r');
    await until(() => terminal.output.includes("[INFO] Table 'bids' created."), 'the DDL message');
    assert.deepEqual(engine.executed, ['CREATE TABLE bids\n(a INT)']);

    terminal.type('SHOW TABLES;\r');
    await until(() => terminal.output.includes('| bids       |'), 'the SHOW TABLES result');

    terminal.type('SELECT item, n FROM t;\r');
    await until(() => terminal.output.split('1 row in set').length === 3, 'the final query table');
    await until(() => terminal.output.includes('| item | n |'), 'the query header');
    const finalTable = terminal.output.slice(terminal.output.lastIndexOf('| item | n |'));
    assert.match(finalTable, /\| A    \| 2 \|/);
    assert.doesNotMatch(finalTable, /\| A    \| 1 \|/, 'the retracted row is not in the final table');

    terminal.type('\u0004');
    await instance.waitUntilExit();
  });
});
