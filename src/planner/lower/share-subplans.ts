/**
 * Sub-plan reuse (Flink's `table.optimizer.reuse-sub-plan-enabled`, on by default there and here): a node equal to
 * an earlier one — same operator specification, same (already shared) inputs, same output — is not added again but
 * read from there. So a table a query reads twice (Nexmark q5, q7 and q8 read the `bid` view twice; a self-join) is
 * scanned and decoded once, and a common sub-plan (a scan with its watermark assigner, a filter, an aggregation over
 * it) runs once and fans out to every consumer. Across a statement set's INSERTs the same happens: the graphs' nodes
 * are concatenated and shared. Sinks and collectors are never shared: two INSERTs into one table write twice.
 *
 * Sharing is exact: a shared node sees the same input in the same order as each copy would have, and every operator
 * is deterministic given its input, so each consumer receives what its own copy would have emitted. (Copies of a
 * node with non-deterministic expressions — RAND(), PROCTIME() — now agree with each other, as one relation read
 * twice should.) Operator identities follow: two identical stateful operators become one, so a savepoint taken
 * with reuse switched off does not restore into a plan with it on (the restore names the operator), and vice versa.
 */
import type { DataflowGraph, GraphNode } from '../../dataflow/graph.js';
import { stableJson } from '../../common/stable-json.js';

/** One graph with the repeated sub-plans of `graph` shared. */
export function shareSubplans(graph: DataflowGraph): DataflowGraph {
  return mergeGraphs([graph]);
}

/** One graph out of several (a statement set's INSERTs), with every repeated sub-plan shared unless `share` is false. */
export function mergeGraphs(graphs: readonly DataflowGraph[], share = true): DataflowGraph {
  const nodes: GraphNode[] = [];
  const shared = new Map<string, number>();
  for (const graph of graphs) {
    const ids = new Map<number, number>();
    for (const node of graph.nodes) {
      const inputs = node.inputs.map((edge) => ({ ...edge, from: ids.get(edge.from) ?? edge.from }));
      const key = !share || node.spec.kind === 'sink' || node.spec.kind === 'collect'
        ? undefined
        : stableJson({ spec: node.spec, inputs, schema: node.schema, changelog: node.changelog });
      const existing = key === undefined ? undefined : shared.get(key);
      if (existing !== undefined) {
        ids.set(node.id, existing);
        continue;
      }
      const id = nodes.length + 1;
      nodes.push({ ...node, id, inputs });
      ids.set(node.id, id);
      if (key !== undefined) shared.set(key, id);
    }
  }
  return { nodes };
}
