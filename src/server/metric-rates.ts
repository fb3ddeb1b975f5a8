/**
 * Per-second rates of a job's vertices, as Flink's REST API reports them: records in and out per second, and of each
 * second how many ms the vertex was busy, backpressured (waiting for downstream) and idle. The server samples every
 * job each second and keeps the last few samples; a rate is the change from the oldest kept sample (at most
 * RATE_WINDOW_MS old) to now, or over the whole run when there is no older sample or the job has ended.
 */
import type { JobDetails, VertexDetails } from '../session/job-details.js';

/** Rates are measured over (at most) this window. */
export const RATE_WINDOW_MS = 5_000;

export interface VertexRates {
  readonly numRecordsInPerSecond: number;
  readonly numRecordsOutPerSecond: number;
  readonly busyTimeMsPerSecond: number;
  readonly backPressuredTimeMsPerSecond: number;
  readonly idleTimeMsPerSecond: number;
  /** Flink's levels: OK below 10 % of the time backpressured, LOW up to 50 %, HIGH above. */
  readonly backpressureLevel: 'ok' | 'low' | 'high';
}

interface Sample {
  readonly at: number;
  readonly vertices: ReadonlyMap<number, Pick<VertexDetails, 'recordsIn' | 'recordsOut' | 'busyMs' | 'backpressuredMs'>>;
}

export class MetricRates {
  private readonly samples = new Map<string, Sample[]>();

  /** Remembers each job's counters as of `now`; forgets jobs no longer listed and samples older than the window. */
  sample(jobs: readonly JobDetails[], now: number): void {
    const listed = new Set(jobs.map((job) => job.id));
    for (const id of this.samples.keys()) if (!listed.has(id)) this.samples.delete(id);
    for (const job of jobs) {
      if (job.status !== 'running') continue;
      const kept = (this.samples.get(job.id) ?? []).filter((s) => now - s.at <= RATE_WINDOW_MS);
      kept.push({ at: now, vertices: new Map(job.vertices.map((v) => [v.id, v])) });
      this.samples.set(job.id, kept);
    }
  }

  /** Each vertex's rates, by vertex id. */
  rates(job: JobDetails, now: number): Map<number, VertexRates> {
    const end = job.endedAt ?? now;
    const base = job.status === 'running' ? this.samples.get(job.id)?.find((s) => end - s.at >= 1 && end - s.at <= RATE_WINDOW_MS) : undefined;
    const since = base?.at ?? job.startedAt;
    const seconds = Math.max(end - since, 1) / 1000;
    const result = new Map<number, VertexRates>();
    for (const vertex of job.vertices) {
      const before = base?.vertices.get(vertex.id);
      const perSecond = (value: number, previous: number | undefined): number => Math.max(0, value - (previous ?? 0)) / seconds;
      // Whole ms that add up to 1000 with the idle time.
      const busy = Math.round(Math.min(1000, perSecond(vertex.busyMs, before?.busyMs)));
      const backpressured = Math.round(Math.min(1000 - busy, perSecond(vertex.backpressuredMs, before?.backpressuredMs)));
      result.set(vertex.id, {
        numRecordsInPerSecond: round(perSecond(vertex.recordsIn, before?.recordsIn)),
        numRecordsOutPerSecond: round(perSecond(vertex.recordsOut, before?.recordsOut)),
        busyTimeMsPerSecond: busy,
        backPressuredTimeMsPerSecond: backpressured,
        idleTimeMsPerSecond: 1000 - busy - backpressured,
        backpressureLevel: backpressured < 100 ? 'ok' : backpressured <= 500 ? 'low' : 'high',
      });
    }
    return result;
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
