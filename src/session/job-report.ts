/**
 * A job's progress for the shell: status, elapsed time and the counters so far (SHOW JOBS with throughput, the
 * live view's status line). Not part of api-types.ts (a contract): exported from src/index.ts on its own.
 */
import type { JobHandle } from './api-types.js';

export interface JobReport {
  readonly jobName: string;
  readonly jobId: string;
  /** Wall-clock time the job started, epoch ms. */
  readonly startedAt: number;
  readonly status: 'running' | 'finished' | 'cancelled' | 'failed';
  /** Wall-clock time since the job started (until it ended, for an ended job). */
  readonly elapsedMs: number;
  /** Rows read by all sources. */
  readonly recordsIn: number;
  /** Rows written by all sinks (0 for a query: its rows go to the caller). */
  readonly recordsOut: number;
  /** Rows dropped as late or too far in the future. */
  readonly lateRecords: number;
}

export interface JobTimes {
  readonly startedAt: number;
  endedAt?: number;
}

export function jobReport(job: JobHandle, status: JobReport['status'], times: JobTimes, now: number = Date.now()): JobReport {
  let recordsIn = 0;
  let recordsOut = 0;
  let lateRecords = 0;
  for (const table of job.counters()) {
    recordsIn += table.recordsRead;
    recordsOut += table.recordsWritten;
    lateRecords += table.lateRecords + (table.futureRecords ?? 0);
  }
  const elapsedMs = (times.endedAt ?? now) - times.startedAt;
  return { jobName: job.jobName, jobId: job.jobId, startedAt: times.startedAt, status, elapsedMs, recordsIn, recordsOut, lateRecords };
}
