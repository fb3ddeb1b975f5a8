/**
 * A job as the REST API, the dashboard and the Prometheus endpoint see it: its plan's vertices with their counters
 * (rows in and out, watermark, busy and backpressured time), its tables' counters, checkpoints and window emit
 * latency. Plain data, JSON-ready: timestamps are epoch ms, a watermark before the first is null.
 */
import type { PlanNode } from '../planner/explain-json.js';
import type { JobMetrics } from '../runtime/metrics.js';
import type { CheckpointStats, JobStatus, TaskProgress } from '../runtime/job.js';
import type { TableCounters } from './api-types.js';
import { latencyPercentiles, tableCounters, watermarkText } from './job-handles.js';
import { keepsResultRows } from '../runtime/registry.js';
import type { DataflowGraph } from '../dataflow/graph.js';

export interface VertexDetails {
  /** The graph node id (as in EXPLAIN's `#id`). */
  readonly id: number;
  /** Display name, e.g. `WindowAggregate#5`. */
  readonly name: string;
  readonly kind: 'source' | 'operator' | 'sink';
  /** What EXPLAIN prints for the node, e.g. `WindowAggregate(window=[TUMBLE(…)], select=[…])`. */
  readonly description: string;
  /** The changelog the node emits: `+I` (append-only) or `+I, -U, +U, -D`. */
  readonly changelog: string;
  readonly inputs: readonly { readonly from: number; readonly shipStrategy: string }[];
  readonly recordsIn: number;
  readonly recordsOut: number;
  /**
   * The node's combined input watermark (a watermark assigner's: the one it generates), epoch ms; null before the
   * first and after the end of input.
   */
  readonly watermark: number | null;
  /** The watermark as text: 'yyyy-MM-dd HH:mm:ss.SSS', 'end of input', or null before the first. */
  readonly watermarkText: string | null;
  readonly lateRecords: number;
  /** Wall-clock ms spent on the node's own work since the job started (0 for sources: not measured). */
  readonly busyMs: number;
  /** Wall-clock ms spent waiting for downstream nodes to take this node's output. */
  readonly backpressuredMs: number;
  /** Whether the node keeps its current result rows in state (queryable: `GET …/vertices/:id/result`). */
  readonly queryable: boolean;
}

export interface JobDetails {
  /** Unique per engine: 32 hex digits, as Flink's job ids. */
  readonly id: string;
  readonly name: string;
  readonly status: JobStatus;
  /** The query's kind: an INSERT job writes into sinks, a query's rows go to its caller. */
  readonly kind: 'insert' | 'query';
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly elapsedMs: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly lateRecords: number;
  readonly vertices: readonly VertexDetails[];
  readonly tables: readonly TableCounters[];
  readonly checkpoints: CheckpointStats | null;
  /** ms from the watermark passing a window's end to its result leaving the window operator. */
  readonly emitLatency: { readonly p50: number; readonly p99: number; readonly windows: number } | null;
  /** The failure's message, for a failed job. */
  readonly error: string | null;
}

/** What job-details needs of a job (RunningJob provides it). */
export interface DescribableJob {
  readonly id: string;
  readonly jobName: string;
  readonly kind: 'insert' | 'query';
  readonly status: JobStatus;
  readonly plan: readonly PlanNode[];
  readonly graph: DataflowGraph;
  readonly metrics: JobMetrics;
  readonly failure: Error | undefined;
  checkpointStats(): CheckpointStats | undefined;
  progress(): readonly TaskProgress[];
}

export function jobDetails(job: DescribableJob, times: { readonly startedAt: number; readonly endedAt?: number }, now: number = Date.now()): JobDetails {
  const tables = tableCounters(job.metrics);
  // A watermark assigner has no input watermark: it shows the watermark it generates.
  const generated = new Map<number, number>();
  for (const { operatorId, progress } of job.progress()) if (progress.kind === 'source-watermark') generated.set(operatorId, progress.watermark);
  const queryable = new Set(job.graph.nodes.filter(keepsResultRows).map((node) => node.id));
  const vertices = job.plan.map((node) => vertexDetails(node, job.metrics, generated.get(node.id), queryable.has(node.id)));
  return {
    id: job.id,
    name: job.jobName,
    status: job.status,
    kind: job.kind,
    startedAt: times.startedAt,
    endedAt: times.endedAt ?? null,
    elapsedMs: (times.endedAt ?? now) - times.startedAt,
    recordsIn: tables.reduce((sum, t) => sum + t.recordsRead, 0),
    recordsOut: tables.reduce((sum, t) => sum + t.recordsWritten, 0),
    lateRecords: tables.reduce((sum, t) => sum + t.lateRecords + (t.futureRecords ?? 0), 0),
    vertices,
    tables,
    checkpoints: job.checkpointStats() ?? null,
    emitLatency: latencyPercentiles(job.metrics.emitLatencies) ?? null,
    error: job.failure?.message ?? null,
  };
}

function vertexDetails(node: PlanNode, metrics: JobMetrics, generatedWatermark: number | undefined, queryable: boolean): VertexDetails {
  const counters = metrics.forNode(node.id);
  const watermark = generatedWatermark ?? counters?.watermark ?? Number.NEGATIVE_INFINITY;
  return {
    id: node.id,
    name: counters?.name ?? `${node.type}#${node.id}`,
    kind: node.pact === 'Data Source' ? 'source' : node.pact === 'Data Sink' ? 'sink' : 'operator',
    description: node.contents,
    changelog: node.changelog,
    inputs: (node.predecessors ?? []).map((p) => ({ from: p.id, shipStrategy: p.ship_strategy })),
    recordsIn: counters?.recordsIn ?? 0,
    recordsOut: counters?.recordsOut ?? 0,
    watermark: Number.isFinite(watermark) ? watermark : null,
    watermarkText: watermarkText(watermark),
    lateRecords: (counters?.lateRecords ?? 0) + (counters?.futureRecords ?? 0),
    busyMs: Math.round(counters?.busyMs ?? 0),
    backpressuredMs: Math.round(counters?.backpressuredMs ?? 0),
    queryable,
  };
}
