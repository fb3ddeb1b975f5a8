/** Helpers of the recovery tests: the job a statement started, and the rows a job wrote to a filesystem sink. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine, type JobHandle, type JobSummary, type StatementResult } from '../../src/index.js';

/** The job an INSERT started (fails the test for any other result). */
export function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

/** Every committed line of the CSV files under `dir`/`sink` (in-progress dot files left out), sorted. */
export function windowRows(dir: string, sink = 'windows'): string[] {
  const out = join(dir, sink);
  return readdirSync(out).filter((f) => !f.startsWith('.')).flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean)).sort();
}

/** A job run twice over the same input: once through, and once stopped by a savepoint mid-stream and resumed. */
export interface SavepointRun {
  /** A fresh directory holding the job's input. */
  readonly setUp: () => string;
  /** The DDL (and SETs, `pipeline.name` = `jobName` among them) run before `insert`. */
  readonly ddl: string;
  readonly insert: string;
  readonly jobName: string;
  /** The filesystem sink's folder (CSV), compared line by line. */
  readonly sink: string;
  /** Records the sources have read when the savepoint is taken. */
  readonly stopAfter: number;
}

/**
 * Runs `run` once through (the reference) and once stopped by a savepoint after `stopAfter` records and resumed
 * from it; returns both sinks' lines, the lines written before the resume, the resumed job's summary and directory.
 */
export async function runWithSavepointMidStream(run: SavepointRun): Promise<{ expected: string[]; beforeResume: string[]; resumed: string[]; summary: JobSummary; dir: string }> {
  const engineFor = async (dir: string, config: Record<string, string> = {}): Promise<Engine> => {
    const e = new Engine({ baseDirectory: dir, config: { 'sluice.batch-size': '10', ...config } });
    await e.execute(run.ddl);
    return e;
  };
  const reference = run.setUp();
  await job(await (await engineFor(reference)).execute(run.insert)).done();
  const expected = windowRows(reference, run.sink);

  const dir = run.setUp();
  const first = await engineFor(dir);
  const running = job(await first.execute(run.insert));
  const read = (): number => running.counters().reduce((sum, table) => sum + table.recordsRead, 0);
  while (read() < run.stopAfter) await sleep(1);
  const [savepoint] = await first.savepointJob(run.jobName, { stop: true });
  assert.ok(savepoint);
  await running.done().catch(() => undefined);
  const beforeResume = windowRows(dir, run.sink);
  const summary = await job(await (await engineFor(dir, { 'execution.state-recovery.path': savepoint })).execute(run.insert)).done();
  return { expected, beforeResume, resumed: windowRows(dir, run.sink), summary, dir };
}
