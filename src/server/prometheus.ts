/**
 * The Prometheus endpoint's metrics (text exposition format via prom-client): per job, table and operator counters
 * read from the engine at each scrape, plus Node's process metrics (CPU, memory, event-loop lag, GC) with the
 * `sluice_` prefix. Counters are cumulative per job run; a job's `job_id` label tells runs of one name apart.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { JobDetails } from '../session/job-details.js';

const JOB = ['job', 'job_id'] as const;
const TABLE = ['job', 'job_id', 'table'] as const;
const OPERATOR = ['job', 'job_id', 'operator', 'operator_id'] as const;

type Labels<Names extends readonly string[]> = Record<Names[number], string>;

/** One metric family: its name, help, labels, and how to read its samples from the jobs. */
interface Family<Names extends readonly string[]> {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly labels: Names;
  readonly samples: (job: JobDetails) => Iterable<[Labels<Names>, number]>;
}

const jobLabels = (job: JobDetails): Labels<typeof JOB> => ({ job: job.name, job_id: job.id });

function* perTable(job: JobDetails, read: (t: JobDetails['tables'][number]) => number | undefined): Iterable<[Labels<typeof TABLE>, number]> {
  for (const table of job.tables) {
    const value = read(table);
    if (value !== undefined) yield [{ ...jobLabels(job), table: table.table }, value];
  }
}

function* perVertex(job: JobDetails, read: (v: JobDetails['vertices'][number]) => number | null): Iterable<[Labels<typeof OPERATOR>, number]> {
  for (const vertex of job.vertices) {
    const value = read(vertex);
    if (value !== null) yield [{ ...jobLabels(job), operator: vertex.name, operator_id: String(vertex.id) }, value];
  }
}

const FAMILIES: readonly Family<readonly string[]>[] = [
  { name: 'sluice_job_info', help: 'A job known to the engine (1), with its status and kind', type: 'gauge', labels: [...JOB, 'status', 'kind'],
    samples: (job) => [[{ ...jobLabels(job), status: job.status, kind: job.kind }, 1]] },
  { name: 'sluice_job_uptime_seconds', help: 'Seconds since the job started (until it ended)', type: 'gauge', labels: JOB, samples: (job) => [[jobLabels(job), job.elapsedMs / 1000]] },
  { name: 'sluice_table_records_read_total', help: 'Records read from the table', type: 'counter', labels: TABLE, samples: (job) => perTable(job, (t) => t.recordsRead) },
  { name: 'sluice_table_records_written_total', help: 'Records written into the table', type: 'counter', labels: TABLE, samples: (job) => perTable(job, (t) => t.recordsWritten) },
  { name: 'sluice_table_late_records_total', help: "The table's records dropped as late (kept in <table>$late)", type: 'counter', labels: TABLE, samples: (job) => perTable(job, (t) => t.lateRecords + (t.futureRecords ?? 0)) },
  { name: 'sluice_table_malformed_records_total', help: "The table's malformed records skipped (ignore-parse-errors)", type: 'counter', labels: TABLE, samples: (job) => perTable(job, (t) => t.malformedRecords) },
  { name: 'sluice_table_lookup_cache_hits_total', help: 'Lookup join probes answered from the lookup cache', type: 'counter', labels: TABLE, samples: (job) => perTable(job, (t) => t.lookupCacheHits) },
  { name: 'sluice_table_lookup_cache_misses_total', help: 'Lookup join probes queried from the table', type: 'counter', labels: TABLE, samples: (job) => perTable(job, (t) => t.lookupCacheMisses) },
  { name: 'sluice_source_lag_records', help: "A Kafka source's records between what it has read and its partition's end (consumer lag)", type: 'gauge', labels: [...TABLE, 'split'],
    samples: function* (job) {
      for (const table of job.tables) for (const [split, lag] of Object.entries(table.lag ?? {})) yield [{ ...jobLabels(job), table: table.table, split }, lag];
    } },
  { name: 'sluice_operator_records_in_total', help: 'Records the operator received', type: 'counter', labels: OPERATOR, samples: (job) => perVertex(job, (v) => v.recordsIn) },
  { name: 'sluice_operator_records_out_total', help: 'Records the operator emitted', type: 'counter', labels: OPERATOR, samples: (job) => perVertex(job, (v) => v.recordsOut) },
  { name: 'sluice_operator_late_records_total', help: 'Records the operator dropped as late or too far in the future', type: 'counter', labels: OPERATOR, samples: (job) => perVertex(job, (v) => v.lateRecords) },
  { name: 'sluice_operator_watermark_milliseconds', help: "The operator's current input watermark, epoch ms (absent before the first and after the end of input)", type: 'gauge', labels: OPERATOR,
    samples: (job) => perVertex(job, (v) => v.watermark) },
  { name: 'sluice_operator_busy_seconds_total', help: 'Wall-clock seconds the operator spent on its own work (not measured for sources)', type: 'counter', labels: OPERATOR,
    samples: (job) => perVertex(job, (v) => v.busyMs / 1000) },
  { name: 'sluice_operator_backpressured_seconds_total', help: 'Wall-clock seconds the operator waited for downstream operators to take its output', type: 'counter', labels: OPERATOR,
    samples: (job) => perVertex(job, (v) => v.backpressuredMs / 1000) },
  { name: 'sluice_job_checkpoints_completed_total', help: 'Checkpoints the job completed (checkpointed jobs only)', type: 'counter', labels: JOB,
    samples: (job) => (job.checkpoints ? [[jobLabels(job), job.checkpoints.completed]] : []) },
  { name: 'sluice_job_checkpoint_pause_max_seconds', help: 'Longest time the sources were paused for one checkpoint', type: 'gauge', labels: JOB,
    samples: (job) => (job.checkpoints ? [[jobLabels(job), job.checkpoints.maxPauseMs / 1000]] : []) },
  { name: 'sluice_job_last_checkpoint_duration_seconds', help: 'The last checkpoint: from the request for barriers to its durable commit', type: 'gauge', labels: JOB,
    samples: (job) => (job.checkpoints?.recent[0] ? [[jobLabels(job), job.checkpoints.recent[0].durationMs / 1000]] : []) },
  { name: 'sluice_job_last_checkpoint_completed_timestamp_seconds', help: 'When the last checkpoint completed, Unix time', type: 'gauge', labels: JOB,
    samples: (job) => (job.checkpoints?.recent[0] ? [[jobLabels(job), job.checkpoints.recent[0].completedAt / 1000]] : []) },
  { name: 'sluice_job_database_bytes', help: "The job database's size (state, source positions, checkpoint records) at the last checkpoint", type: 'gauge', labels: JOB,
    samples: (job) => (job.checkpoints?.databaseBytes !== undefined ? [[jobLabels(job), job.checkpoints.databaseBytes]] : []) },
  { name: 'sluice_window_emit_latency_milliseconds', help: "ms from the watermark passing a window's end to its result being emitted, over the job's windows", type: 'gauge', labels: [...JOB, 'quantile'],
    samples: (job) => (job.emitLatency ? [[{ ...jobLabels(job), quantile: '0.5' }, job.emitLatency.p50], [{ ...jobLabels(job), quantile: '0.99' }, job.emitLatency.p99]] : []) },
];

/** The registry behind `GET /metrics`; `render(jobs)` answers one scrape. */
export class PrometheusMetrics {
  private readonly registry = new Registry();
  private jobs: readonly JobDetails[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sluice_' });
    const current = (): readonly JobDetails[] => this.jobs;
    for (const family of FAMILIES) {
      const configuration = {
        name: family.name,
        help: family.help,
        labelNames: family.labels,
        registers: [this.registry],
        collect(this: Counter | Gauge): void {
          this.reset();
          for (const job of current()) {
            for (const [labels, value] of family.samples(job)) {
              if (this instanceof Counter) this.inc(labels, value);
              else this.set(labels, value);
            }
          }
        },
      };
      if (family.type === 'counter') new Counter(configuration);
      else new Gauge(configuration);
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(jobs: readonly JobDetails[]): Promise<string> {
    this.jobs = jobs;
    return this.registry.metrics();
  }
}
