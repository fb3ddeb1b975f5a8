/**
 * `'sluice.batch-size' = 'auto'` (the default): how many rows the sources put in a batch, chosen per job. Every row
 * of a batch passes an operator before the next operator sees it, so a window fires only after the whole batch that
 * carried its watermark has gone through the operators before it: larger batches cost latency where results wait
 * on watermarks or state, and buy throughput where nothing does. Measured on Nexmark (docs/benchmarks.md): a
 * stateless job (q0–q2) runs 5–20% faster at 4096 rows than at 1024–2048; windowed jobs (q5, q7, the Yahoo job) run
 * as fast at 1024 and emit sooner (the Yahoo job's p99 from ~50 to ~17 ms).
 */
import type { DataflowGraph, OperatorKind } from '../dataflow/graph.js';

/** Operators that neither hold state nor wait for watermarks. */
const STATELESS: ReadonlySet<OperatorKind> = new Set<OperatorKind>(['source', 'calc', 'watermark-assigner', 'correlate', 'union', 'sink', 'collect']);

export const STATELESS_BATCH_SIZE = 4096;
export const STATEFUL_BATCH_SIZE = 1024;

export function autoBatchSize(graph: DataflowGraph): number {
  return graph.nodes.every((node) => STATELESS.has(node.spec.kind)) ? STATELESS_BATCH_SIZE : STATEFUL_BATCH_SIZE;
}
