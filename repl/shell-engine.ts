/** What the shell needs from the engine: the public `Engine` satisfies it; tests pass fakes. */
import type { ColumnInfo, JobReport, StatementResult, WatermarkReport } from '../src/index.js';

export interface ShellEngine {
  execute(sql: string): Promise<StatementResult>;
  tableNames(): string[];
  describeTable(name: string): ColumnInfo[];
  settings(): Record<string, string>;
  watermarks(): WatermarkReport[];
  jobReports(): JobReport[];
  /** STOP JOB: returns how many running jobs of that name were stopped. */
  stopJob(name: string): Promise<number>;
  /** STOP JOB … WITH SAVEPOINT (stop: true): savepoint directories, one per job of that name. */
  savepointJob(name: string, options?: { stop?: boolean }): Promise<string[]>;
}
