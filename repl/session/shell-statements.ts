/**
 * Statements the shell answers itself instead of passing them to the engine: SOURCE 'file.sql', STOP JOB 'name',
 * SHOW JOBS (with elapsed time and throughput), and SET 'sql-client.execution.result-mode' (Flink's client key).
 */
import { formatElapsed } from '../../src/cli/format-summary.js';
import type { JobReport, StatementResult } from '../../src/index.js';

export type ShellStatement =
  | { readonly kind: 'source'; readonly file: string }
  | { readonly kind: 'stop-job'; readonly name: string; readonly withSavepoint: boolean }
  | { readonly kind: 'show-jobs' }
  | { readonly kind: 'set-result-mode'; readonly mode: string };

export const RESULT_MODE_KEY = 'sql-client.execution.result-mode';

const QUOTED = "'((?:[^']|'')*)'";

export function shellStatement(sql: string): ShellStatement | null {
  const text = sql.trim().replace(/;\s*$/, '').trim();
  let match = new RegExp(`^SOURCE\\s+${QUOTED}$`, 'i').exec(text);
  if (match) return { kind: 'source', file: unquote(match[1]) };
  match = new RegExp(`^STOP\\s+JOB\\s+${QUOTED}(\\s+WITH\\s+SAVEPOINT)?$`, 'i').exec(text);
  if (match) return { kind: 'stop-job', name: unquote(match[1]), withSavepoint: match[2] !== undefined };
  if (/^SHOW\s+JOBS$/i.test(text)) return { kind: 'show-jobs' };
  match = new RegExp(`^SET\\s+'${RESULT_MODE_KEY.replace(/\./g, '\\.')}'\\s*=\\s*${QUOTED}$`, 'i').exec(text);
  if (match) return { kind: 'set-result-mode', mode: unquote(match[1]).toLowerCase() };
  return null;
}

function unquote(text: string | undefined): string {
  return (text ?? '').replace(/''/g, "'");
}

/** SHOW JOBS as the shell prints it: every job the engine keeps, with elapsed time and rows per second. */
export function jobsTable(reports: readonly JobReport[]): Extract<StatementResult, { kind: 'table' }> {
  return {
    kind: 'table',
    columns: ['job name', 'status', 'elapsed', 'records in', 'in/s', 'records out', 'late', 'job id'],
    rows: reports.map((report) => [
      report.jobName,
      report.status,
      formatElapsed(report.elapsedMs),
      report.recordsIn,
      report.elapsedMs > 0 ? Math.round((report.recordsIn * 1000) / report.elapsedMs) : 0,
      report.recordsOut,
      report.lateRecords,
      report.jobId,
    ]),
  };
}
