/**
 * Named crash points for the recovery tests: `SLUICE_FAILPOINT=<name>` kills the process with SIGKILL (no cleanup,
 * no flush: like a power cut for everything not yet fsynced) the first time execution reaches `failpoint(name)`;
 * `SLUICE_FAILPOINT=<name>@<n>` on the n-th time. Unset, a failpoint costs one comparison.
 *
 * The names (where they are):
 * - `source-mid-batch`: a source yielded a batch and the job is about to send it (job.ts)
 * - `barrier-injected`: a source sent a checkpoint barrier, before the checkpoint completes (job.ts)
 * - `operator-state-written`: a checkpoint's state and record are written, not yet committed (checkpoint-store.ts:
 *   `checkpoint-before-commit`)
 * - `checkpoint-after-commit`: the checkpoint is durable; sinks have not committed its output (checkpoint-store.ts)
 * - `sink-commit`: in the middle of sinks' commits, after the first sink committed (job.ts)
 * - `restore`: while restoring, after state is loaded, before any record is read (job.ts)
 */

const spec = process.env['SLUICE_FAILPOINT'] ?? '';
const [armedName, armedCount] = spec.includes('@') ? [spec.slice(0, spec.indexOf('@')), Number(spec.slice(spec.indexOf('@') + 1))] : [spec, 1];
let hits = 0;

export function failpoint(name: string): void {
  if (armedName === '' || name !== armedName) return;
  hits++;
  if (hits < armedCount) return;
  process.stderr.write(`sluice: failpoint '${name}' reached (hit ${hits}): killing the process\n`);
  process.kill(process.pid, 'SIGKILL');
}
