/**
 * One graph out of several (a statement set's INSERTs): the graphs' nodes are concatenated, and a node equal to one
 * of an earlier graph — same operator specification, same (already shared) inputs, same output — is not added again
 * but read from there. So a table scanned by several INSERTs is read once, and a common sub-plan (a scan with its
 * watermark assigner, a filter, an aggregation over it) runs once and fans out to every consumer, as Flink's
 * sub-plan reuse does. Sinks are never shared: two INSERTs into one table write twice.
 *
 * Nodes repeated within one graph (a self-join scanning a table twice) are kept as they are, so a single INSERT
 * plans exactly as it does on its own: its operators' identities, and so its savepoints, do not change.
 */
import type { DataflowGraph, GraphNode } from '../../dataflow/graph.js';
import { stableJson } from '../../common/stable-json.js';

export function mergeGraphs(graphs: readonly DataflowGraph[]): DataflowGraph {
  const nodes: GraphNode[] = [];
  const shared = new Map<string, number>();
  for (const graph of graphs) {
    const ids = new Map<number, number>();
    const added = new Map<string, number>();
    for (const node of graph.nodes) {
      const inputs = node.inputs.map((edge) => ({ ...edge, from: ids.get(edge.from) ?? edge.from }));
      const key = node.spec.kind === 'sink' || node.spec.kind === 'collect'
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
      if (key !== undefined && !added.has(key)) added.set(key, id);
    }
    for (const [key, id] of added) if (!shared.has(key)) shared.set(key, id);
  }
  return { nodes };
}
