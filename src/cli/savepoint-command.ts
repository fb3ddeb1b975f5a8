/**
 * Savepoints from the command line.
 * - `sluice savepoint <job>`: a checkpointed job running in another `sluice run` process takes a savepoint. The
 *   command finds the process through the job directory's lock file (`job.lock`, its pid), sends it SIGUSR2, and
 *   waits for the process to write the savepoint's path into `<job directory>/savepoint.last`.
 * - The running process, on SIGUSR2, takes a savepoint of each of its running checkpointed jobs.
 * - `--from-savepoint`, `--fresh`, `--allow-non-restored-state` become settings for the jobs the run starts.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../session/engine.js';
import { jobDirectory } from '../session/checkpointing.js';
import { Settings } from '../session/settings.js';
import { EXIT_ERROR, EXIT_OK, type CliOutput } from './script-engine.js';

const LAST_SAVEPOINT_FILE = 'savepoint.last';
const WAIT_MS = 120_000;

export function recoverySettings(flags: { fresh?: boolean; fromSavepoint?: string; allowNonRestoredState?: boolean }): Record<string, string> {
  return {
    ...(flags.fresh ? { 'sluice.checkpointing.fresh': 'true' } : {}),
    ...(flags.fromSavepoint !== undefined ? { 'execution.state-recovery.path': flags.fromSavepoint } : {}),
    ...(flags.allowNonRestoredState ? { 'execution.state-recovery.ignore-unclaimed-state': 'true' } : {}),
  };
}

/** SIGUSR2 in a `sluice run` process: a savepoint of every running checkpointed job. */
export async function takeSavepointsOnSignal(engine: Engine, output: CliOutput): Promise<void> {
  for (const report of engine.jobReports().filter((job) => job.status === 'running')) {
    try {
      const [path] = await engine.savepointJob(report.jobName);
      if (path === undefined) continue;
      output.err(`[INFO] Savepoint of job '${report.jobName}' written to ${path}`);
      const settings = new Settings(engine.settings());
      writeFileSync(join(jobDirectory(settings, process.cwd(), report.jobName), LAST_SAVEPOINT_FILE), `${path}\n`);
    } catch (error) {
      output.err(`[WARN] Savepoint of job '${report.jobName}' failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** `sluice savepoint <job>`. */
export async function requestSavepoint(jobName: string, settingsGiven: Record<string, string>, output: CliOutput): Promise<number> {
  const settings = new Settings(settingsGiven);
  const directory = jobDirectory(settings, process.cwd(), jobName);
  const lockFile = join(directory, 'job.lock');
  if (!existsSync(lockFile)) {
    output.err(`Error: job '${jobName}' is not running here (no ${lockFile}); is 'state.dir' or 'execution.checkpointing.dir' different?`);
    return EXIT_ERROR;
  }
  const pid = Number(readFileSync(lockFile, 'utf8').trim());
  const marker = join(directory, LAST_SAVEPOINT_FILE);
  const before = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  try {
    process.kill(pid, 'SIGUSR2');
  } catch (error) {
    output.err(`Error: cannot signal process ${pid} running job '${jobName}': ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_ERROR;
  }
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (existsSync(marker) && statSync(marker).mtimeMs > before) {
      output.out(readFileSync(marker, 'utf8').trim());
      return EXIT_OK;
    }
  }
  output.err(`Error: job '${jobName}' (process ${pid}) did not report a savepoint within ${WAIT_MS / 1000} s; see its output`);
  return EXIT_ERROR;
}
