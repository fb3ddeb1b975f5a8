/**
 * Queryable state as SQL: `<sink table>$state` is the live result of the running job that writes into that table —
 * the current rows of its result operator (the GROUP BY, Top-N, deduplication or upsert normalization nearest the
 * sink), read from the operator's state between two of its messages. Its columns are the operator's, named as the
 * sink names them where they reach it unchanged (else as EXPLAIN shows them); it is bounded: a snapshot taken when
 * the reading query starts. The job is not disturbed beyond waiting one message.
 *
 *   SELECT * FROM `counts$state` WHERE n > 10
 */
import { withoutRowtime } from '../common/types.js';
import type { Value } from '../common/values.js';
import type { DataflowGraph, GraphNode } from '../dataflow/graph.js';
import type { Expr } from '../dataflow/expr.js';
import type { CatalogColumn, CatalogTable, SystemTableProvider } from '../planner/index.js';
import { makeBatch } from '../runtime/batch.js';
import type { RecordBatch } from 'apache-arrow';
import { keepsResultRows } from '../runtime/registry.js';
import type { RunningJob } from './job-handles.js';
import type { JobRegistry } from './job-registry.js';

export const STATE_SUFFIX = 'state';

const BATCH_ROWS = 4096;

/** The running job writing into `table` and its result operator, or why there is none. */
export type StateTarget = { readonly job: RunningJob; readonly node: GraphNode; readonly columnNames: readonly string[] } | { readonly problem: string };

export function findStateTarget(jobs: JobRegistry, table: string): StateTarget {
  const writers = jobs.running().flatMap((job) => {
    const sink = sinkInto(job.graph, table);
    return sink ? [{ job, sink }] : [];
  });
  if (writers.length === 0) return { problem: `no running job writes into '${table}'` };
  if (writers.length > 1) return { problem: `${writers.length} running jobs write into '${table}' (${writers.map((w) => `'${w.job.jobName}'`).join(', ')})` };
  const { job, sink } = writers[0]!;
  const path = resultPath(job.graph, sink);
  if (!path) return { problem: `job '${job.jobName}' has no operator that keeps its result rows in state (a GROUP BY, a Top-N, a deduplication or an upsert source's normalization)` };
  return { job, node: path[0]!, columnNames: columnNames(path, sink) };
}

export function stateTableProvider(jobs: JobRegistry): SystemTableProvider {
  return {
    suffix: STATE_SUFFIX,
    tableFor(base, name): CatalogTable | undefined {
      const target = findStateTarget(jobs, base.name);
      if ('problem' in target) return undefined;
      const columns: CatalogColumn[] = target.node.schema.fields.map((f, i) => ({ name: target.columnNames[i]!, type: withoutRowtime(f.type), nullable: true, computed: null }));
      return { kind: 'table', name, columns, watermark: null, primaryKey: [], options: { connector: 'in-process' }, position: base.position };
    },
    missingReason(base): string {
      const target = findStateTarget(jobs, base.name);
      return 'problem' in target ? target.problem : `the state of '${base.name}' cannot be read`;
    },
  };
}


/** The batches of a `$state` table read by source `source`: the result operator's rows when the read starts. */
export async function* stateTableBatches(jobs: JobRegistry, table: string, source: GraphNode): AsyncIterable<RecordBatch> {
  const target = findStateTarget(jobs, table);
  if ('problem' in target) throw new Error(`Cannot read '${table}$${STATE_SUFFIX}': ${target.problem}`);
  const rows = await target.job.currentResult(target.node.id);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const chunk = rows.slice(start, start + BATCH_ROWS);
    const columns: Value[][] = source.schema.fields.map((_, c) => chunk.map((row) => row[c] ?? null));
    yield makeBatch(source.schema, columns, chunk.length);
  }
}

function sinkInto(graph: DataflowGraph, table: string): GraphNode | undefined {
  const lower = table.toLowerCase();
  return graph.nodes.find((node) => node.spec.kind === 'sink' && node.spec.connector.table.toLowerCase() === lower);
}

/**
 * Upstream from the sink along single-input operators to the first that keeps its result rows in state: that
 * operator, then the operators between it and the sink, downstream order (the sink excluded).
 */
function resultPath(graph: DataflowGraph, sink: GraphNode): GraphNode[] | undefined {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const path: GraphNode[] = [];
  let node: GraphNode | undefined = sink;
  while (node && node.inputs.length === 1) {
    node = byId.get(node.inputs[0]!.from);
    if (!node) return undefined;
    path.unshift(node);
    if (keepsResultRows(node)) return path;
  }
  return undefined;
}

/**
 * The result operator's column names, as the sink table names them where a column reaches the sink unchanged
 * through the projections in between (`COUNT(*)` inserted into column `n` is `n`, not `EXPR$1`); else its own.
 */
function columnNames(path: readonly GraphNode[], sink: GraphNode): string[] {
  const own = path[0]!.schema.fields.map((f) => f.name);
  // For each of the operator's columns, its position in the current node's output (undefined once computed over).
  let positions: (number | undefined)[] = own.map((_, i) => i);
  for (const node of path.slice(1)) {
    const spec = node.spec;
    if (spec.kind !== 'calc') return own;
    positions = positions.map((at) => {
      if (at === undefined) return undefined;
      const j = spec.projections.findIndex((p) => columnIndexOf(p) === at);
      return j < 0 ? undefined : j;
    });
  }
  const names = positions.map((at, i) => (at === undefined ? own[i]! : sink.schema.fields[at]?.name ?? own[i]!));
  return new Set(names.map((n) => n.toLowerCase())).size === names.length ? names : own;
}

/** The input column a projection passes on, possibly CAST (the state keeps the operator's type); else undefined. */
function columnIndexOf(expr: Expr): number | undefined {
  if (expr.kind === 'column') return expr.index;
  if (expr.kind === 'cast') return columnIndexOf(expr.arg);
  return undefined;
}
