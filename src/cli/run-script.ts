/**
 * `sluice run`: executes a script statement by statement and prints each result. Messages go to stderr as
 * `[INFO] …`, data (finished tables, query rows) to stdout, job summaries to stderr. Jobs run one after another.
 */
import { ExecutionError } from '../common/errors.js';
import type { JobHandle, QueryResult, StatementResult } from '../session/api-types.js';
import { ChangelogPrinter } from './format-changelog.js';
import { formatError } from './format-error.js';
import { droppedRecordWarnings, formatJobSummary } from './format-summary.js';
import { formatResultTable, formatTable } from './format-table.js';
import type { Interruption } from './interruption.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, type CliOutput, type ScriptEngine } from './script-engine.js';

export interface RunScriptOptions {
  /** Stream a query's changes with an op column instead of printing the final table. */
  readonly changelog: boolean;
  /** Named in error messages that point into the SQL, e.g. `job.sql`. */
  readonly sourceName?: string;
  readonly debug: boolean;
  readonly interruption: Interruption;
}

/** Runs `sql` and returns the process exit code. */
export async function runScript(
  engine: ScriptEngine,
  sql: string,
  output: CliOutput,
  options: RunScriptOptions,
): Promise<number> {
  try {
    for await (const { result } of engine.executeScript(sql)) {
      await printResult(result, output, options);
      if (options.interruption.interrupted) break;
    }
  } catch (error) {
    if (options.interruption.interrupted && isCancellation(error)) return EXIT_INTERRUPTED;
    for (const line of formatError(error, options)) output.err(line);
    return EXIT_ERROR;
  }
  return options.interruption.interrupted ? EXIT_INTERRUPTED : EXIT_OK;
}

export async function printResult(result: StatementResult, output: CliOutput, options: RunScriptOptions): Promise<void> {
  switch (result.kind) {
    case 'ok':
      output.err(`[INFO] ${result.message}`);
      return;
    case 'table':
      for (const line of formatResultTable(result)) output.out(line);
      return;
    case 'job':
      await waitForJob(result.job, output, options);
      return;
    case 'query':
      await printQuery(result.result, output, options);
      return;
  }
}

async function waitForJob(job: JobHandle, output: CliOutput, options: RunScriptOptions): Promise<void> {
  output.err(`[INFO] Submitted job '${job.jobName}'.`);
  const untrack = options.interruption.track(job);
  try {
    const summary = await job.done();
    for (const line of formatJobSummary(summary)) output.err(line);
    if (summary.status === 'failed') throw summary.error ?? new ExecutionError(`Job '${job.jobName}' failed`);
  } finally {
    untrack();
  }
}

async function printQuery(result: QueryResult, output: CliOutput, options: RunScriptOptions): Promise<void> {
  const untrack = options.interruption.track(result);
  try {
    if (options.changelog) await streamChanges(result, output);
    else await printFinalRows(result, output);
    const summary = await result.done();
    for (const table of summary.tables) for (const line of droppedRecordWarnings(table)) output.err(line);
  } finally {
    untrack();
  }
}

async function streamChanges(result: QueryResult, output: CliOutput): Promise<void> {
  const printer = new ChangelogPrinter(result.columns);
  for (const line of printer.header()) output.out(line);
  let count = 0;
  try {
    for await (const change of result) {
      output.out(printer.change(change));
      count += 1;
    }
  } finally {
    for (const line of printer.footer(count)) output.out(line);
  }
}

async function printFinalRows(result: QueryResult, output: CliOutput): Promise<void> {
  const columns = result.columns.map((column) => column.name);
  const rows = await result.toArray();
  const table = { columns, rows: rows.map((row) => columns.map((name) => row[name] ?? null)), types: result.columns };
  for (const line of formatTable(table)) output.out(line);
}

/** An error raised because the user cancelled (the engine may reject pending promises on cancel). */
function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || /cancel/i.test(error.message));
}

