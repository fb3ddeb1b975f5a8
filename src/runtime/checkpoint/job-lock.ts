/**
 * One running attempt per job directory: `job.lock` holds the pid of the process running the job. A second run of
 * the same job while the first is alive is refused; a lock left by a dead process (a crash) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExecutionError } from '../../common/errors.js';

export interface JobLock {
  release(): void;
}

export function acquireJobLock(directory: string, jobName: string): JobLock {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'job.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new ExecutionError(`Job '${jobName}' is already running (process ${owner} holds ${file})`, {
          hint: "stop it first, or give this run another name with SET 'pipeline.name'",
        });
      }
      if (owner === process.pid) {
        throw new ExecutionError(`Job '${jobName}' is already running in this session`, { hint: "give this run another name with SET 'pipeline.name'" });
      }
      rmSync(file, { force: true });
    }
  }
  throw new ExecutionError(`Cannot lock the job directory ${directory}`);
}

/** Whether `pid` is a running process (a zombie — killed, not yet reaped by its parent — is not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state is the field after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (or it vanished meanwhile): trust kill(pid, 0)
  }
}
