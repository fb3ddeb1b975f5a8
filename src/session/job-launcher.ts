/**
 * Starts a planned job: its state backend (memory, SQLite in a per-run directory, or the job database of a
 * checkpointed job), its connectors (with the in-process tables and `<table>$late` snapshots), the runtime Job, and
 * the handle the engine's registry lists until it ends.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataflowGraph } from '../dataflow/graph.js';
import { systemTableBase, type Catalog } from '../planner/index.js';
import { executionPlanNodes } from '../planner/explain-json.js';
import { createConnectorRegistry, type InProcessSource } from '../connectors/index.js';
import { sourceIdleTimeout } from '../connectors/options.js';
import { Job } from '../runtime/job.js';
import type { CollectTarget } from '../runtime/operators/collect.js';
import { createStateBackend } from '../runtime/state/index.js';
import { autoBatchSize } from './batch-size.js';
import { checkpointInterval, safeJobName, setUpCheckpointedJob } from './checkpointing.js';
import { RunningJob } from './job-handles.js';
import type { JobRegistry } from './job-registry.js';
import type { LateRecordLog } from './late-record-log.js';
import { LATE_SUFFIX, lateTableRows } from './late-table.js';
import { STATE_SUFFIX, stateTableBatches } from './state-table.js';
import { MALFORMED_SUFFIX, type MalformedRecordLog } from './malformed-table.js';
import type { Settings } from './settings.js';

export interface LaunchContext {
  readonly settings: Settings;
  readonly baseDirectory: string;
  readonly printLine: (line: string) => void;
  readonly inProcessTables: ReadonlyMap<string, InProcessSource>;
  readonly lateLog: LateRecordLog;
  readonly malformedLog: MalformedRecordLog;
  readonly catalog: Catalog;
  readonly jobs: JobRegistry;
}

export class JobLauncher {
  private jobCounter = 0;

  constructor(private readonly context: LaunchContext) {}

  launch(name: string, graph: DataflowGraph, collectTargets: Map<number, CollectTarget>, checkpointable = false, kind: 'insert' | 'query' = 'insert'): RunningJob {
    const backendKind = this.context.settings.stateBackendKind();
    const interval = checkpointable ? checkpointInterval(this.context.settings) : undefined;
    const checkpointed = interval === undefined ? undefined : setUpCheckpointedJob(this.context.settings, this.context.baseDirectory, name, interval, graph);
    for (const warning of checkpointed?.warnings ?? []) process.stderr.write(`[WARN] ${warning}\n`);
    let directory: string | undefined;
    if (backendKind === 'sqlite' && !checkpointed) {
      directory = join(resolve(this.context.baseDirectory, this.context.settings.get('state.dir')), `${safeJobName(name)}-${process.pid}-${Date.now()}-${++this.jobCounter}`);
      mkdirSync(directory, { recursive: true });
    }
    const state = checkpointed?.state ?? createStateBackend(directory ? { kind: backendKind, directory } : { kind: backendKind });
    const inProcessTables = this.inProcessTablesFor(graph);
    const connectors = createConnectorRegistry({ baseDirectory: this.context.baseDirectory, printLine: this.context.printLine, inProcessTables });
    const defaultIdleTimeout = this.context.settings.sourceIdleTimeoutMs();
    let job: Job;
    try {
      job = new Job({
        name,
        graph,
        connectors,
        state,
        batchSize: this.context.settings.batchSize() ?? autoBatchSize(graph),
        parallelDecode: this.context.settings.parallelDecode(),
        decodeThreads: this.context.settings.decodeThreads(),
        vectorizedExpressions: this.context.settings.vectorizedExpressions(),
        collectTargets,
        droppedRecords: this.context.lateLog,
        malformedRecords: (record) => this.context.malformedLog.report(record),
        sourceIdleTimeoutMs: (connector) => sourceIdleTimeout(connector) ?? defaultIdleTimeout,
        ...(checkpointed ? { checkpointing: checkpointed.checkpointing } : {}),
      });
    } catch (error) {
      checkpointed?.checkpointing.store.close();
      checkpointed?.lock.release();
      throw error;
    }
    const handle: RunningJob = new RunningJob(job, () => {
      this.context.jobs.ended(handle);
      // Without checkpoints, a finished job's state is not needed again; a checkpointed job keeps its directory.
      if (directory) rmSync(directory, { recursive: true, force: true });
      checkpointed?.lock.release();
    }, kind, executionPlanNodes(graph));
    this.context.jobs.add(handle);
    return handle;
  }

  /**
   * The registered in-process tables, plus a snapshot of the late-record log for each `<table>$late` read, of the
   * malformed-record log for each `<table>$malformed` read and of a running job's result for each `<table>$state` read.
   */
  private inProcessTablesFor(graph: DataflowGraph): Map<string, InProcessSource> {
    const tables = new Map(this.context.inProcessTables);
    for (const node of graph.nodes) {
      if (node.spec.kind !== 'source') continue;
      const table = node.spec.connector.table;
      const lateBase = systemTableBase(table, LATE_SUFFIX);
      const base = lateBase === undefined ? undefined : this.context.catalog.find(lateBase);
      if (base?.kind === 'table') tables.set(table, { rows: lateTableRows(this.context.lateLog, base) });
      const malformedBase = systemTableBase(table, MALFORMED_SUFFIX);
      if (malformedBase !== undefined) tables.set(table, { rows: this.context.malformedLog.rows(this.context.catalog.find(malformedBase)?.name ?? malformedBase) });
      const stateBase = systemTableBase(table, STATE_SUFFIX);
      if (stateBase !== undefined) tables.set(table, { batches: stateTableBatches(this.context.jobs, stateBase, node) });
    }
    return tables;
  }
}
