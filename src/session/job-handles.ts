/** The embedded API's handles around a runtime Job: JobHandle for INSERT, QueryResult for SELECT. */
import { randomBytes } from 'node:crypto';
import type { CheckpointStats, Job, JobOutcome, JobStatus, TaskProgress } from '../runtime/job.js';
import type { PlanNode } from '../planner/explain-json.js';
import type { DataflowGraph } from '../dataflow/graph.js';
import type { DescribableJob } from './job-details.js';
import type { JobMetrics } from '../runtime/metrics.js';
import { formatTimestamp } from '../common/time.js';
import type { Value } from '../common/values.js';
import type { Change, ColumnInfo, JobHandle, JobSummary, OperatorCounters, QueryResult, Row, TableCounters } from './api-types.js';
import { ChangeQueue } from './change-queue.js';
import { sortRows, type ResultOrderKey } from './result-order.js';
import { ResultRows } from './result-rows.js';

export function tableCounters(metrics: JobMetrics): TableCounters[] {
  return metrics.tables().map((t) => ({
    table: t.table,
    recordsRead: t.recordsRead,
    recordsWritten: t.recordsWritten,
    lateRecords: t.lateRecords,
    malformedRecords: t.malformedRecords,
    nullRowtimeRecords: t.nullRowtimeRecords,
    futureRecords: t.futureRecords,
    ...(t.lookupCacheHits + t.lookupCacheMisses > 0 ? { lookupCacheHits: t.lookupCacheHits, lookupCacheMisses: t.lookupCacheMisses } : {}),
    ...(t.splitLag.size > 0 ? { lag: Object.fromEntries([...t.splitLag].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) } : {}),
  }));
}

export function operatorCounters(metrics: JobMetrics): OperatorCounters[] {
  return metrics.operators().map((o) => ({
    name: o.name,
    recordsIn: o.recordsIn,
    recordsOut: o.recordsOut,
    lateRecords: o.lateRecords,
    futureRecords: o.futureRecords,
    watermark: watermarkText(o.watermark),
  }));
}

/** A watermark or event time for display: null before the first, 'end of input' for the final one. */
export function watermarkText(watermark: number): string | null {
  if (watermark === Number.NEGATIVE_INFINITY) return null;
  if (watermark === Number.POSITIVE_INFINITY) return 'end of input';
  return formatTimestamp(watermark);
}

/** p50 and p99 of the window emit latencies (ms, two decimals); undefined when no window fired. */
export function latencyPercentiles(latencies: readonly number[]): JobSummary['emitLatency'] {
  if (latencies.length === 0) return undefined;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 100) / 100;
  return { p50: at(0.5), p99: at(0.99), windows: sorted.length };
}

function emitLatency(latencies: readonly number[]): Pick<JobSummary, 'emitLatency'> {
  const percentiles = latencyPercentiles(latencies);
  return percentiles ? { emitLatency: percentiles } : {};
}

export function summarize(job: Job, outcome: JobOutcome): JobSummary {
  const tables = tableCounters(outcome.metrics);
  const summary: JobSummary = {
    jobName: job.name,
    status: outcome.status,
    elapsedMs: outcome.elapsedMs,
    recordsIn: tables.reduce((sum, t) => sum + t.recordsRead, 0),
    tables,
    operators: operatorCounters(outcome.metrics),
    ...emitLatency(outcome.metrics.emitLatencies),
  };
  const stats = outcome.checkpoints;
  const withCheckpoints: JobSummary = stats
    ? {
        ...summary,
        checkpoints: {
          alreadyFinished: outcome.alreadyFinished === true,
          completed: stats.completed,
          maxPauseMs: stats.maxPauseMs,
          ...(stats.lastId !== undefined ? { lastId: stats.lastId } : {}),
          ...(stats.restoredFrom ? { restoredFrom: stats.restoredFrom } : {}),
        },
      }
    : summary;
  return outcome.error ? { ...withCheckpoints, error: outcome.error } : withCheckpoints;
}

export class RunningJob implements JobHandle, DescribableJob {
  /** 32 hex digits, unique per engine (as Flink's job ids): the REST API's handle on the job. */
  readonly id = randomBytes(16).toString('hex');
  private readonly outcome: Promise<JobOutcome>;
  private error: Error | undefined;

  constructor(
    private readonly job: Job,
    onEnd: () => void,
    /** An INSERT job (rows into sinks) or a query (rows to the caller). */
    readonly kind: 'insert' | 'query' = 'insert',
    /** The job's execution plan (EXPLAIN's nodes), for the REST API and the dashboard. */
    readonly plan: readonly PlanNode[] = [],
  ) {
    this.outcome = job
      .run()
      .then((outcome) => {
        this.error = outcome.error;
        return outcome;
      })
      .finally(onEnd);
  }

  get jobId(): string {
    return this.id;
  }

  get metrics(): JobMetrics {
    return this.job.metrics;
  }

  /** Why the job failed (undefined while it runs and when it did not fail). */
  get failure(): Error | undefined {
    return this.error;
  }

  checkpointStats(): CheckpointStats | undefined {
    return this.job.checkpointStats();
  }

  get graph(): DataflowGraph {
    return this.job.graph;
  }

  /** Queryable state: operator `nodeId`'s current result rows (see Job.currentResult). */
  currentResult(nodeId: number): Promise<Value[][]> {
    return this.job.currentResult(nodeId);
  }

  get jobName(): string {
    return this.job.name;
  }

  get status(): JobStatus {
    return this.job.currentStatus;
  }

  /** Event-time progress of the job's operators (as they were at the end, once it has ended). */
  progress(): TaskProgress[] {
    return this.job.progress();
  }

  async done(): Promise<JobSummary> {
    const outcome = await this.outcome;
    if (outcome.error) throw outcome.error;
    return summarize(this.job, outcome);
  }

  /** Like done(), but never rejects: a failure is in the summary. */
  async settled(): Promise<JobSummary> {
    return summarize(this.job, await this.outcome);
  }

  async cancel(): Promise<void> {
    this.job.cancel();
    await this.outcome;
  }

  /** Whether the job checkpoints (only such jobs take savepoints). */
  get checkpointing(): boolean {
    return this.job.checkpointing;
  }

  /** Takes a savepoint into `directory`; false when the job stopped first. */
  async savepoint(directory: string): Promise<boolean> {
    return (await this.job.savepoint(directory)) !== undefined;
  }

  counters(): readonly TableCounters[] {
    return tableCounters(this.job.metrics);
  }
}

export class RunningQuery implements QueryResult {
  constructor(
    readonly columns: readonly ColumnInfo[],
    readonly updating: boolean,
    private readonly queue: ChangeQueue,
    private readonly handle: RunningJob,
    /** A top-level ORDER BY … LIMIT: the final rows' order (see result-order.ts). */
    private readonly order?: readonly ResultOrderKey[],
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Change> {
    let finished = false;
    try {
      for await (const change of this.queue) yield change;
      finished = true;
    } finally {
      if (!finished) await this.cancel();
    }
  }

  async toArray(): Promise<Row[]> {
    const table = new ResultRows();
    for await (const change of this) table.apply(change);
    return this.ordered(table.rows);
  }

  /** The final rows in the query's ORDER BY (a top-level ORDER BY … LIMIT); as they are without one. */
  ordered(rows: Row[]): Row[] {
    return this.order ? sortRows(rows, this.order) : rows;
  }

  async cancel(): Promise<void> {
    this.queue.close();
    await this.handle.cancel();
  }

  done(): Promise<JobSummary> {
    return this.handle.done();
  }
}
