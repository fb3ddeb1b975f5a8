/**
 * Runs one statement for the REPL and reports what to show: finished output as items, a running query as a
 * live table that updates in place. Jobs (INSERT) run in the background; their summary is printed when they end.
 */
import { formatError } from '../src/cli/format-error.js';
import { droppedRecordWarnings, formatJobSummary } from '../src/cli/format-summary.js';
import { formatTable } from '../src/cli/format-table.js';
import type { JobHandle, QueryResult, StatementResult } from '../src/session/api-types.js';
import type { OutputTone } from './state/output.js';
import { toneOf } from './state/output.js';
import { ResultTable } from './state/result-table.js';

export interface ReplEngine {
  execute(sql: string): Promise<StatementResult>;
}

export interface StatementView {
  print(tone: OutputTone, lines: readonly string[]): void;
  /** The running query's table (or null when none runs); called again whenever it changes. */
  showLive(table: ResultTable | null): void;
  /** The query that Ctrl-C should cancel (null when none). */
  setCancellable(target: { cancel(): Promise<void> } | null): void;
}

const LIVE_REFRESH_MS = 100;

export async function runStatement(engine: ReplEngine, statement: string, view: StatementView, debug: boolean): Promise<void> {
  try {
    const result = await engine.execute(statement);
    switch (result.kind) {
      case 'ok':
        view.print('info', [`[INFO] ${result.message}`]);
        return;
      case 'table':
        view.print('data', formatTable(result));
        return;
      case 'job':
        watchJob(result.job, view, debug);
        return;
      case 'query':
        await showQuery(result.result, view);
        return;
    }
  } catch (error) {
    view.print('error', formatError(error, { debug }));
  }
}

function watchJob(job: JobHandle, view: StatementView, debug: boolean): void {
  view.print('info', [`[INFO] Submitted job '${job.jobName}' (running in the background).`]);
  job.done().then(
    (summary) => printLines(view, formatJobSummary(summary)),
    (error: unknown) => view.print('error', [`Job '${job.jobName}' failed:`, ...formatError(error, { debug })]),
  );
}

async function showQuery(result: QueryResult, view: StatementView): Promise<void> {
  const table = new ResultTable(result.columns.map((column) => column.name));
  view.setCancellable(result);
  view.showLive(table);
  let lastRefresh = Date.now();
  let cancelled = false;
  try {
    for await (const change of result) {
      table.apply(change);
      if (Date.now() - lastRefresh >= LIVE_REFRESH_MS) {
        view.showLive(table);
        lastRefresh = Date.now();
      }
    }
  } catch (error) {
    cancelled = true;
    throw error;
  } finally {
    view.setCancellable(null);
    view.showLive(null);
    view.print('data', formatTable({ columns: table.columns, rows: table.rows() }));
    if (cancelled) view.print('info', ['[INFO] Query stopped.']);
  }
  const summary = await result.done();
  if (summary.status === 'cancelled') view.print('info', ['[INFO] Query cancelled.']);
  for (const counters of summary.tables) printLines(view, droppedRecordWarnings(counters));
}

function printLines(view: StatementView, lines: readonly string[]): void {
  for (const line of lines) view.print(toneOf(line), [line]);
}
