/**
 * The engine's jobs: the running ones and the last few that ended, with their start and end times. SHOW JOBS,
 * SHOW WATERMARKS, STOP JOB, savepoints and the REST API read them from here.
 */
import { PlanError } from '../common/errors.js';
import type { RunningJob } from './job-handles.js';
import { jobReport, type JobReport, type JobTimes } from './job-report.js';
import { jobDetails, type JobDetails } from './job-details.js';

/** Finished jobs kept for SHOW WATERMARKS, SHOW JOBS and the REST API, besides the running ones. */
const FINISHED_JOBS_KEPT = 5;

export class JobRegistry {
  private readonly active = new Set<RunningJob>();
  /** Every job started, oldest first: the running ones and the last few that ended. */
  private readonly jobs: RunningJob[] = [];
  private readonly times = new WeakMap<RunningJob, JobTimes>();

  /** Registers a job that has just started; returns its times, whose `endedAt` `ended()` sets. */
  add(job: RunningJob): void {
    this.times.set(job, { startedAt: Date.now() });
    this.active.add(job);
    this.jobs.push(job);
  }

  /** The job ended: it stays listed until FINISHED_JOBS_KEPT jobs ended after it. */
  ended(job: RunningJob): void {
    const times = this.times.get(job);
    if (times) times.endedAt = Date.now();
    this.active.delete(job);
    const ended = this.jobs.filter((j) => !this.active.has(j));
    for (const old of ended.slice(0, Math.max(0, ended.length - FINISHED_JOBS_KEPT))) this.jobs.splice(this.jobs.indexOf(old), 1);
  }

  /** The running jobs, oldest first. */
  running(): RunningJob[] {
    return this.jobs.filter((job) => this.active.has(job));
  }

  /** Every listed job, oldest first. */
  all(): readonly RunningJob[] {
    return this.jobs;
  }

  reports(): JobReport[] {
    return this.jobs.map((job) => jobReport(job, job.status, this.timesOf(job)));
  }

  details(): JobDetails[] {
    return this.jobs.map((job) => jobDetails(job, this.timesOf(job)));
  }

  /** The running jobs named `name` (or whose id it is, as Flink's STOP JOB '<id>'); a PlanError when there is none. */
  runningNamed(name: string): RunningJob[] {
    const targets = this.jobs.filter((job) => (job.jobName === name || job.id === name.toLowerCase()) && this.active.has(job));
    if (targets.length === 0) throw new PlanError(`No running job '${name}'`, { hint: 'SHOW JOBS lists the jobs' });
    return targets;
  }

  /** The running job with this id, if any. */
  runningWithId(id: string): RunningJob | undefined {
    return [...this.active].find((job) => job.id === id);
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.active].map((job) => job.cancel()));
  }

  /** Cancels the running job with this id; false when there is none. */
  async stopById(id: string): Promise<boolean> {
    const job = this.runningWithId(id);
    await job?.cancel();
    return job !== undefined;
  }

  private timesOf(job: RunningJob): JobTimes {
    return this.times.get(job) ?? { startedAt: Date.now() };
  }
}

/** Takes a savepoint of `job` into `directory` and returns it; with `stop`, stops the job right after. */
export async function takeSavepoint(job: RunningJob, directory: string, stop: boolean): Promise<string> {
  if (!job.checkpointing) {
    throw new PlanError(`Job '${job.jobName}' does not checkpoint, so it cannot take a savepoint`, {
      hint: "start it with SET 'execution.checkpointing.interval' = '10 s' (and a 'pipeline.name')",
    });
  }
  if (!(await job.savepoint(directory))) throw new PlanError(`Job '${job.jobName}' stopped before its savepoint completed`);
  if (stop) await job.cancel();
  return directory;
}
