/**
 * Projection push-down into sources (Flink's PushProjectIntoTableSourceScanRule, nested fields included): which
 * columns — and which fields of ROW columns — any operator of the job reads, computed backwards over the graph and
 * given to each source that can skip the rest (`ConnectorDescriptor.readMask`). A JSON source then leaves those
 * fields NULL without decoding them; the graph's schemas are unchanged, so nothing downstream is rewritten.
 *
 * A Calc reads the columns and ROW fields its filter and its consumed projections name (`bid.price` reads only
 * that field of `bid`); a WatermarkAssigner reads its rowtime and watermark expression and passes on what its
 * consumers read; every other operator (aggregates, joins, windows, sinks) reads its inputs whole.
 */
import type { Expr } from '../../dataflow/expr.js';
import type { DataflowGraph, FieldRead, GraphNode, ReadMask } from '../../dataflow/graph.js';
import type { DataType } from '../../common/types.js';

/** Sets `readMask` on each source `canSkip` accepts whose job leaves some of its fields unread. */
export function pruneSourceReads(graph: DataflowGraph, canSkip: (node: GraphNode) => boolean): DataflowGraph {
  const demand = new Map<number, FieldRead[]>();
  const demandOf = (node: GraphNode): FieldRead[] => {
    let fields = demand.get(node.id);
    if (!fields) {
      fields = node.schema.fields.map(() => false);
      demand.set(node.id, fields);
    }
    return fields;
  };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // Consumers have larger ids than their inputs: walking backwards sees every consumer of a node before the node.
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i]!;
    const spec = node.spec;
    const read = (input: number): FieldRead[] => demandOf(byId.get(input)!);
    if (spec.kind === 'calc' && node.inputs.length === 1) {
      const input = read(node.inputs[0]!.from);
      const output = demandOf(node);
      if (spec.filter) readExpr(spec.filter, true, input);
      spec.projections.forEach((projection, index) => {
        if (output[index] !== false) readExpr(projection, output[index]!, input);
      });
    } else if (spec.kind === 'watermark-assigner' && node.inputs.length === 1) {
      const input = read(node.inputs[0]!.from);
      demandOf(node).forEach((fieldRead, index) => { input[index] = merge(input[index]!, fieldRead); });
      input[spec.rowtimeIndex] = true;
      readExpr(spec.watermark, true, input);
    } else {
      for (const edge of node.inputs) read(edge.from).fill(true);
    }
  }
  return {
    nodes: graph.nodes.map((node) => {
      if (node.spec.kind !== 'source' || !canSkip(node)) return node;
      const mask = normalize(demandOf(node), node.schema.fields.map((f) => f.type));
      if (typeof mask === 'boolean') return node;
      return { ...node, spec: { ...node.spec, connector: { ...node.spec.connector, readMask: mask } } };
    }),
  };
}

/** Marks what `expr` reads of its input columns; `wanted` is what is read of the expression's own value. */
function readExpr(expr: Expr, wanted: FieldRead, input: FieldRead[]): void {
  switch (expr.kind) {
    case 'column':
      input[expr.index] = merge(input[expr.index]!, wanted);
      return;
    case 'literal':
      return;
    case 'cast':
      readExpr(expr.arg, true, input);
      return;
    case 'case':
      for (const { when, then } of expr.whens) {
        readExpr(when, true, input);
        readExpr(then, true, input);
      }
      if (expr.otherwise) readExpr(expr.otherwise, true, input);
      return;
    case 'call': {
      const [row, index] = expr.args;
      if (expr.op === 'row-field' && row !== undefined && index?.kind === 'literal' && typeof index.value === 'number' && row.type.kind === 'ROW') {
        const fields: FieldRead[] = row.type.fields.map(() => false);
        fields[index.value] = wanted;
        readExpr(row, fields, input);
        return;
      }
      for (const arg of expr.args) readExpr(arg, true, input);
    }
  }
}

function merge(a: FieldRead, b: FieldRead): FieldRead {
  if (a === true || b === true) return true;
  if (a === false) return b;
  if (b === false) return a;
  return a.map((field, i) => merge(field, b[i] ?? false));
}

/** `true` where everything below is read (also for columns that are not ROWs), else the mask. */
function normalize(reads: readonly FieldRead[], types: readonly DataType[]): FieldRead {
  const normalized = reads.map((read, i): FieldRead => {
    const type = types[i]!;
    if (typeof read === 'boolean') return read;
    return type.kind === 'ROW' ? normalize(read, type.fields.map((f) => f.type)) : true;
  });
  return normalized.every((read) => read === true) ? true : normalized satisfies ReadMask;
}
