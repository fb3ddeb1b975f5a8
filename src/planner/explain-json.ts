/**
 * EXPLAIN JSON_EXECUTION_PLAN: the dataflow graph as JSON in the shape of Flink's execution plan (`nodes`, each with
 * `id`, `type`, `pact`, `contents`, `parallelism` and its `predecessors` with their `ship_strategy`), plus each node's
 * changelog mode. The same graph a REST API or dashboard would draw.
 */
import type { DataflowGraph, GraphNode } from '../dataflow/graph.js';
import { describe } from './explain.js';

/** One node of the execution plan, in the shape of Flink's JSON execution plan. */
export interface PlanNode {
  readonly id: number;
  readonly type: string;
  readonly pact: 'Data Source' | 'Operator' | 'Data Sink';
  readonly contents: string;
  readonly parallelism: number;
  readonly changelog: string;
  readonly predecessors?: readonly { readonly id: number; readonly ship_strategy: string; readonly side: 'first' | 'second' }[];
}

export function executionPlanJson(graph: DataflowGraph): string {
  return JSON.stringify({ nodes: executionPlanNodes(graph) }, null, 2);
}

/** The graph's nodes as the JSON execution plan shows them (EXPLAIN, the REST API and the dashboard). */
export function executionPlanNodes(graph: DataflowGraph): PlanNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes = graph.nodes.map((node): PlanNode => {
    const contents = describe(node, byId);
    const predecessors = node.inputs.map((edge, i) => ({
      id: edge.from,
      ship_strategy: shipStrategy(edge.partitioning, byId.get(edge.from)!),
      side: i === 0 ? 'first' as const : 'second' as const,
    }));
    return {
      id: node.id,
      type: contents.slice(0, contents.indexOf('(') < 0 ? undefined : contents.indexOf('(')),
      pact: node.spec.kind === 'source' ? 'Data Source' : node.spec.kind === 'sink' || node.spec.kind === 'collect' ? 'Data Sink' : 'Operator',
      contents,
      parallelism: 1,
      changelog: node.changelog === 'updates' ? '+I, -U, +U, -D' : '+I',
      ...(predecessors.length > 0 ? { predecessors } : {}),
    };
  });
  return nodes;
}

function shipStrategy(partitioning: GraphNode['inputs'][number]['partitioning'], input: GraphNode): string {
  if (partitioning.kind === 'forward') return 'FORWARD';
  if (partitioning.keys.length === 0) return 'GLOBAL';
  return `HASH[${partitioning.keys.map((k) => input.schema.fields[k]!.name).join(', ')}]`;
}
