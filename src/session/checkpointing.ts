/**
 * How the session sets up a checkpointed job: the job directory `<checkpoint dir>/<job name>` (stable across runs,
 * so `sluice run job.sql` again resumes), its job database, a state backend writing into it, and the checkpoint to
 * resume from. Checkpointing is on when `'execution.checkpointing.interval'` is set.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataflowGraph } from '../dataflow/graph.js';
import { OPERATOR_NAMES } from '../runtime/registry.js';
import { operatorIdentities } from '../runtime/checkpoint/operator-identity.js';
import { applyRestorePlan, droppedStateProblems, planRestore, type RestorePlan } from '../runtime/checkpoint/restore-plan.js';
import { ExecutionError } from '../common/errors.js';
import { parseDuration } from '../connectors/index.js';
import type { CheckpointingOptions } from '../runtime/job.js';
import type { CheckpointRecord } from '../runtime/checkpoint/checkpoint-record.js';
import { CheckpointStore, JOB_DATABASE_FILE } from '../runtime/checkpoint/checkpoint-store.js';
import { acquireJobLock, type JobLock } from '../runtime/checkpoint/job-lock.js';
import { MemoryStateBackend } from '../runtime/state/memory.js';
import { SqliteStateBackend } from '../runtime/state/sqlite.js';
import { StateTable } from '../runtime/state/state-table.js';
import type { StateBackend } from '../runtime/state/backend.js';
import type { Settings } from './settings.js';

export interface CheckpointedJobSetup {
  readonly directory: string;
  readonly state: StateBackend;
  readonly checkpointing: CheckpointingOptions;
  /** The checkpoint the job resumes from, if any. */
  readonly restoredFrom: CheckpointRecord | undefined;
  /** Problems found while looking for a checkpoint (corrupt records skipped). */
  readonly warnings: readonly string[];
  readonly lock: JobLock;
}

/** `'execution.checkpointing.interval'` in ms, or undefined when checkpointing is off. */
export function checkpointInterval(settings: Settings): number | undefined {
  const text = settings.get('execution.checkpointing.interval').trim();
  if (text === '') return undefined;
  return parseDuration(text);
}

/** The directory a job's database lives in. */
export function jobDirectory(settings: Settings, baseDirectory: string, jobName: string): string {
  const configured = settings.get('execution.checkpointing.dir').trim();
  const root = configured !== '' ? configured : settings.get('state.dir');
  return join(resolve(baseDirectory, root), safeJobName(jobName));
}

/** The savepoint to start from (`'execution.state-recovery.path'`, or Flink 1.x's `'execution.savepoint.path'`). */
export function savepointPath(settings: Settings, baseDirectory: string): string | undefined {
  const text = (settings.get('execution.state-recovery.path') || settings.get('execution.savepoint.path')).trim();
  return text === '' ? undefined : resolve(baseDirectory, text);
}

function allowNonRestoredState(settings: Settings): boolean {
  const text = settings.get('execution.state-recovery.ignore-unclaimed-state') || settings.get('execution.savepoint.ignore-unclaimed-state');
  return text.trim().toLowerCase() === 'true';
}

/** Where savepoints go: `'execution.checkpointing.savepoint-dir'`, default `<state.dir>/savepoints`. */
export function savepointDirectory(settings: Settings, baseDirectory: string, jobName: string, checkpointId: number): string {
  const configured = settings.get('execution.checkpointing.savepoint-dir').trim();
  const root = resolve(baseDirectory, configured !== '' ? configured : join(settings.get('state.dir'), 'savepoints'));
  return join(root, `savepoint-${safeJobName(jobName)}-${checkpointId}-${Date.now()}`);
}

/** How the job's operators would be restored from its latest checkpoint or the configured savepoint. */
export function previewRestore(settings: Settings, baseDirectory: string, jobName: string, graph: DataflowGraph): { source: string; plan: RestorePlan } | undefined {
  const fromSavepoint = savepointPath(settings, baseDirectory);
  const directory = fromSavepoint ?? jobDirectory(settings, baseDirectory, jobName);
  if (!fromSavepoint && settings.get('sluice.checkpointing.fresh').trim().toLowerCase() === 'true') return undefined;
  if (!existsSync(join(directory, JOB_DATABASE_FILE))) {
    if (fromSavepoint) throw new ExecutionError(`No savepoint at ${fromSavepoint} (${JOB_DATABASE_FILE} is missing)`);
    return undefined;
  }
  const store = new CheckpointStore(directory);
  try {
    const latest = store.latest();
    if (!latest) return undefined;
    const source = `${latest.record.kind} ${latest.record.id} in ${directory}`;
    return { source, plan: planRestore(latest.record, graph, operatorIdentities(graph), (id) => nodeName(graph, id)) };
  } finally {
    store.close();
  }
}

export function setUpCheckpointedJob(settings: Settings, baseDirectory: string, jobName: string, intervalMs: number, graph: DataflowGraph): CheckpointedJobSetup {
  const directory = jobDirectory(settings, baseDirectory, jobName);
  const lock = acquireJobLock(directory, jobName);
  let store: CheckpointStore | undefined;
  try {
    store = new CheckpointStore(directory, Number(settings.get('execution.checkpointing.num-retained')));
    const fromSavepoint = savepointPath(settings, baseDirectory);
    if (fromSavepoint) store.loadSavepoint(fromSavepoint);
    else if (settings.get('sluice.checkpointing.fresh').trim().toLowerCase() === 'true') store.clear();
    const latest = store.latest();
    let restoredFrom: CheckpointRecord | undefined;
    if (latest) {
      const plan = planRestore(latest.record, graph, operatorIdentities(graph), (id) => nodeName(graph, id));
      const problems = droppedStateProblems(plan);
      if (problems.length > 0 && !allowNonRestoredState(settings)) {
        throw new ExecutionError(
          `Cannot restore job '${jobName}' from ${latest.record.kind} ${latest.record.id}: state of ${problems.length === 1 ? 'an operator' : `${problems.length} operators`} has no place in the changed query:\n  ${problems.join('\n  ')}`,
          { hint: 'run with --allow-non-restored-state to drop that state, --fresh to start over, or --dry-run to see what would be restored' },
        );
      }
      applyRestorePlan(store.db, plan);
      restoredFrom = plan.record;
    }
    const state: StateBackend =
      settings.stateBackendKind() === 'sqlite'
        ? new SqliteStateBackend({ db: store.db, file: store.file })
        : new MemoryStateBackend(new StateTable(store.db));
    const checkpointing: CheckpointingOptions = { store, intervalMs, ...(restoredFrom ? { restore: restoredFrom } : {}) };
    return { directory, state, checkpointing, restoredFrom, warnings: latest?.warnings ?? [], lock };
  } catch (error) {
    store?.close();
    lock.release();
    if (error instanceof ExecutionError) throw error;
    throw new ExecutionError(`Cannot set up checkpoints for job '${jobName}' in ${directory}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function nodeName(graph: DataflowGraph, nodeId: number): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  return node ? `${OPERATOR_NAMES[node.spec.kind]}#${node.id}` : `#${nodeId}`;
}

export function safeJobName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
}
