/**
 * Stable operator identities, so that a checkpoint or savepoint is matched to the operators of a job by what they
 * are, not by their numbers in one plan. An operator's identity is its kind plus a hash of its specification and
 * of its input and output schemas — not of what is upstream: adding a filter or changing a projection before an
 * aggregation keeps the aggregation's identity (its state means the same), which is what Flink users get only by
 * setting uids by hand. Identical operators in one plan are told apart by their order (`#2`, `#3`, …).
 */
import { createHash } from 'node:crypto';
import type { AggregateCall, DataflowGraph, GraphNode } from '../../dataflow/graph.js';
import { userFunctionName } from '../../dataflow/expr.js';
import { stableJson } from '../../common/stable-json.js';

export interface OperatorIdentity {
  /** `<kind>-<12 hex digits>[#n]`. */
  readonly uid: string;
  /** The text the uid hashes: stable JSON of the specification and schemas. */
  readonly signature: string;
}

/** Identity of every node, by node id. */
export function operatorIdentities(graph: DataflowGraph): Map<number, OperatorIdentity> {
  const identities = new Map<number, OperatorIdentity>();
  const seen = new Map<string, number>();
  const schemaOf = new Map(graph.nodes.map((node) => [node.id, node.schema]));
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((edge) => ({ ...edgeShape(edge), schema: schemaOf.get(edge.from) }));
    const signature = operatorSignature(node, inputs);
    const digest = createHash('sha256').update(signature).digest('hex');
    const base = `${node.spec.kind}-${digest.slice(0, 12)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    identities.set(node.id, { uid: count === 1 ? base : `${base}#${count}`, signature });
  }
  return identities;
}

/** The text an identity hashes (also kept in checkpoints, to explain what changed when identities differ). */
export function operatorSignature(node: GraphNode, inputs: readonly unknown[]): string {
  return stableJson({ spec: specShape(node), schema: node.schema, inputs });
}

/**
 * What identifies an operator's specification. Sources and sinks are their table and columns: connector options
 * (a path, brokers, a format option) may change between runs without invalidating state.
 */
function specShape(node: GraphNode): unknown {
  const spec = node.spec;
  if (spec.kind === 'source' || spec.kind === 'sink') return { kind: spec.kind, table: spec.connector.table, schema: spec.connector.schema };
  if ('aggregates' in spec) return withStableFunctionNames({ ...spec, aggregates: spec.aggregates.map(aggregateShape) });
  return withStableFunctionNames(spec);
}

/**
 * A user-defined scalar or table function called in a specification (a join condition, a window's expression, …)
 * is identified by its name, as a user-defined aggregate: not by the engine's id for it. Its argument and result
 * types are in the call (the binder casts the arguments to the declared parameter types), so a function registered
 * with other types is another function.
 */
function withStableFunctionNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withStableFunctionNames);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const object = value as Record<string, unknown>;
  const shaped: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) shaped[key] = withStableFunctionNames(field);
  if (object['kind'] === 'call' && object['op'] === 'udf' && Array.isArray(shaped['args'])) {
    const [id, ...args] = shaped['args'] as unknown[];
    const literal = id as { value?: unknown };
    return { ...shaped, args: [{ function: userFunctionName(String(literal.value)) }, ...args] };
  }
  if (object['kind'] === 'user' && typeof object['id'] === 'string' && typeof object['name'] === 'string') {
    const { id: _id, ...rest } = shaped;
    return { ...rest, name: userFunctionName(object['id']) };
  }
  return shaped;
}

/**
 * A user-defined aggregate is identified by its name (its argument and result types are in the call): not by the
 * engine's id for it, where it is written in the SQL, or which optional methods it has (adding `merge` keeps state).
 * Nor is a SINGLE_VALUE identified by where its subquery is written.
 */
function aggregateShape(call: AggregateCall): unknown {
  const { position: _position, ...shape } = call;
  if (!shape.userFunction) return shape;
  return { ...shape, userFunction: { name: shape.userFunction.name.toUpperCase() } };
}

/** An edge without its node number (the input identity stands for it). */
function edgeShape(edge: GraphNode['inputs'][number]): Record<string, unknown> {
  const { from: _from, ...shape } = edge;
  return shape;
}
