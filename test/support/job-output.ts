/** Helpers of the recovery tests: the job a statement started, and the rows a job wrote to a filesystem sink. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobHandle, StatementResult } from '../../src/index.js';

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
