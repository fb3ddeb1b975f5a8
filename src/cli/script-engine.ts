/** The part of the Engine the CLI's script runners use (structural, so tests can pass a fake). */
import type { StatementResult } from '../session/api-types.js';

export interface ScriptEngine {
  executeScript(sql: string): AsyncGenerator<{ statement: string; result: StatementResult }>;
  execute(sql: string): Promise<StatementResult>;
  explain(sql: string): string;
}

/** Where the CLI writes: `out` is for data (stdout), `err` for messages, summaries and errors (stderr). */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
/** 128 + SIGINT, as shells report a process stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
