/**
 * Lowering: logical plan → physical dataflow graph. Scans become a source, a Calc for computed columns and a
 * WatermarkAssigner; Project/Filter chains become one Calc (rule `MergeCalc`); aggregates get a hash exchange on
 * their keys.
 */
import { InternalError } from '../../common/errors.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { CalcSpec, DataflowGraph, Edge, GraphNode, OperatorSpec, Partitioning } from '../../dataflow/graph.js';
import type { Schema } from '../../dataflow/schema.js';
import { formatExpr } from '../../dataflow/display.js';
import { bindExpression } from '../binder/expressions.js';
import { scopeOf } from '../ddl.js';
import type { CatalogTable } from '../catalog.js';
import type { LogicalPlan } from '../logical/plan.js';
import { joinSpec } from './join-spec.js';
import { rewriteColumns } from '../rules/expr-utils.js';

export function lowerToDataflow(plan: LogicalPlan): DataflowGraph {
  const builder = new GraphBuilder();
  builder.lower(plan);
  return { nodes: builder.nodes };
}

class GraphBuilder {
  readonly nodes: GraphNode[] = [];

  add(spec: OperatorSpec, schema: Schema, inputs: Edge[]): number {
    const id = this.nodes.length + 1;
    const updates = spec.kind !== 'temporal-join' && (inputs.some((e) => this.node(e.from).changelog === 'updates') || (spec.kind === 'group-aggregate' && spec.aggregates.length > 0)
      || (spec.kind === 'join' && spec.joinType !== 'inner' && spec.joinType !== 'semi') || spec.kind === 'changelog-normalize' || (spec.kind === 'rank' && spec.orderBy.length > 0)
      || (spec.kind === 'deduplicate' && (spec.keep === 'last-row' || spec.order === 'rowtime')));
    this.nodes.push({ id, spec, inputs, schema, changelog: updates ? 'updates' : 'append' });
    return id;
  }

  node(id: number): GraphNode {
    const node = this.nodes[id - 1];
    if (!node) throw new InternalError(`No node ${id}`);
    return node;
  }

  lower(plan: LogicalPlan): number {
    switch (plan.kind) {
      case 'scan':
        return this.lowerScan(plan.table, plan.schema, plan.upsertKey);
      case 'project':
        return this.addCalc({ kind: 'calc', filter: null, projections: plan.exprs }, plan.schema, this.lower(plan.input));
      case 'filter': {
        const identity = plan.schema.fields.map((f, i) => columnExpr(i, f.type));
        return this.addCalc({ kind: 'calc', filter: plan.predicate, projections: identity }, plan.schema, this.lower(plan.input));
      }
      case 'correlate': {
        const { kind, input, schema, ...correlate } = plan;
        return this.add({ kind, ...correlate }, schema, [forward(this.lower(input))]);
      }
      case 'window-tvf':
        return this.add(
          { kind: 'window-tvf', window: plan.window, timeIndex: plan.timeIndex, lateTable: plan.lateTable },
          plan.schema,
          [forward(this.lower(plan.input))],
        );
      case 'window-aggregate':
        return this.add(
          {
            kind: 'window-aggregate', window: plan.window, ...(plan.attached ? { attached: plan.attached } : {}),
            timeIndex: plan.timeIndex, keys: plan.keys, aggregates: plan.aggregates, lateTable: plan.lateTable,
            ...(plan.groupingSets ? { groupingSets: plan.groupingSets } : {}),
          },
          plan.schema,
          [{ from: this.lower(plan.input), partitioning: hash(plan.keys) }],
        );
      case 'window-rank': {
        const { kind, input, schema, ...rank } = plan;
        return this.add({ kind, ...rank }, schema, [{ from: this.lower(input), partitioning: hash(plan.partitionKeys) }]);
      }
      case 'rank': {
        const { kind, input, schema, ...rank } = plan;
        const from = this.lower(input);
        const inputUpdates = this.node(from).changelog === 'updates';
        return this.add({ kind, ...rank, inputUpdates }, schema, [{ from, partitioning: hash(plan.partitionKeys) }]);
      }
      case 'deduplicate': {
        const { kind, input, schema, ...deduplicate } = plan;
        return this.add({ kind, ...deduplicate }, schema, [{ from: this.lower(input), partitioning: hash(plan.keys) }]);
      }
      case 'over-aggregate': {
        const { kind, input, schema, ...over } = plan;
        return this.add({ kind, ...over }, schema, [{ from: this.lower(input), partitioning: hash(plan.partitionKeys) }]);
      }
      case 'match-recognize': {
        const { kind, input, schema, ...match } = plan;
        return this.add({ kind, ...match }, schema, [{ from: this.lower(input), partitioning: hash(plan.partitionKeys) }]);
      }
      case 'temporal-sort': {
        // One sorted stream: every row goes to one instance (Flink's singleton exchange).
        const { kind, input, schema, ...sort } = plan;
        return this.add({ kind, ...sort }, schema, [{ from: this.lower(input), partitioning: hash([]) }]);
      }
      case 'window-join': {
        // Each side is lowered completely before the other, so a Calc only ever merges into its own side's chain.
        const left = this.lower(plan.left);
        const right = this.lower(plan.right);
        return this.add(
          { kind: 'window-join', joinType: plan.joinType, window: plan.window, left: plan.leftSide, right: plan.rightSide, residual: plan.residual },
          plan.schema,
          [{ from: left, partitioning: hash(plan.leftSide.keys) }, { from: right, partitioning: hash(plan.rightSide.keys) }],
        );
      }
      case 'join': {
        const left = this.lower(plan.left);
        const right = this.lower(plan.right);
        const edges = [{ from: left, partitioning: hash(plan.leftKeys) }, { from: right, partitioning: hash(plan.rightKeys) }];
        return this.add(joinSpec(plan), plan.schema, edges);
      }
      case 'lookup-join':
        return this.add(
          { kind: 'lookup-join', joinType: plan.joinType, connector: plan.table, keys: plan.keys, residual: plan.residual, cache: plan.cache },
          plan.schema,
          [forward(this.lower(plan.input))],
        );
      case 'union': {
        // Each side is lowered completely before the next, so a Calc only ever merges into its own side's chain.
        const inputs = plan.inputs.map((input) => forward(this.lower(input)));
        return this.add({ kind: 'union' }, plan.schema, inputs);
      }
      case 'aggregate': {
        const input = this.lower(plan.input);
        const inputUpdates = this.node(input).changelog === 'updates';
        return this.add(
          { kind: 'group-aggregate', keys: plan.keys, aggregates: plan.aggregates, inputUpdates, ...(plan.groupingSets ? { groupingSets: plan.groupingSets } : {}) },
          plan.schema,
          [{ from: input, partitioning: hash(plan.keys) }],
        );
      }
      case 'sink':
        return this.add({ kind: 'sink', connector: plan.connector }, plan.schema, [forward(this.lower(plan.input))]);
      case 'collect':
        return this.add({ kind: 'collect' }, plan.schema, [forward(this.lower(plan.input))]);
    }
  }

  private lowerScan(table: CatalogTable, schema: Schema, upsertKey: readonly number[] | undefined): number {
    const id = this.lowerSource(table, schema);
    if (upsertKey === undefined) return id;
    return this.add({ kind: 'changelog-normalize', keys: upsertKey }, this.node(id).schema, [{ from: id, partitioning: hash(upsertKey) }]);
  }

  private lowerSource(table: CatalogTable, schema: Schema): number {
    const physical = table.columns.map((c, i) => ({ column: c, index: i })).filter((c) => c.column.computed === null);
    const physicalSchema: Schema = {
      fields: physical.map(({ column }) => ({ name: column.name, type: stripRowtime(column.type), nullable: column.nullable })),
    };
    const metadata = physical.flatMap(({ column }, index) => (column.metadata ? [{ index, key: column.metadata.key }] : []));
    let id = this.add(
      {
        kind: 'source',
        connector: {
          table: table.name, connector: table.options['connector'] ?? '', options: table.options, schema: physicalSchema,
          ...(metadata.length > 0 ? { metadata } : {}), ...(table.primaryKey.length > 0 ? { primaryKey: table.primaryKey } : {}),
          ...(table.partitionKeys ? { partitionKeys: table.partitionKeys } : {}),
          ...(table.values ? { values: table.values } : {}),
        },
      },
      physicalSchema,
      [],
    );
    const hasComputed = physical.length !== table.columns.length;
    if (hasComputed) {
      const physicalScope = scopeOf(table.name, physicalSchema.fields);
      let next = 0;
      const projections: Expr[] = table.columns.map((c) => {
        if (c.computed === null) {
          const index = next++;
          return columnExpr(index, physicalSchema.fields[index]!.type);
        }
        return bindExpression(c.computed, physicalScope, { clause: 'a computed column' });
      });
      id = this.add({ kind: 'calc', filter: null, projections }, { fields: schema.fields.map((f) => ({ ...f, type: stripRowtime(f.type) })) }, [forward(id)]);
    }
    if (table.watermark) {
      const rowtimeIndex = table.columns.findIndex((c) => c.name === table.watermark!.column);
      const scope = scopeOf(table.name, schema.fields);
      const watermark = bindExpression(table.watermark.expression, scope, { clause: 'a WATERMARK expression' });
      id = this.add(
        { kind: 'watermark-assigner', table: table.name, rowtimeIndex, watermark, display: formatExpr(watermark, schema.fields.map((f) => f.name)) },
        schema,
        [forward(id)],
      );
    } else if (hasComputed) {
      // schema already set by the calc
    }
    return id;
  }

  /** Adds a Calc, merging it into the Calc below when there is one (rule MergeCalc). */
  private addCalc(spec: CalcSpec, schema: Schema, inputId: number): number {
    const input = this.node(inputId);
    if (isIdentity(spec, schema, input.schema)) return inputId; // rule RemoveIdentityCalc
    if (input.spec.kind === 'calc' && this.nodes[this.nodes.length - 1] === input) {
      const below = input.spec;
      const substitute = (e: Expr): Expr => rewriteColumns(e, (i) => below.projections[i]!);
      const upperFilter = spec.filter ? substitute(spec.filter) : null;
      const filter = below.filter && upperFilter
        ? ({ kind: 'call', op: 'and', args: [below.filter, upperFilter], type: { kind: 'BOOLEAN' } } as Expr)
        : (below.filter ?? upperFilter);
      const merged: CalcSpec = { kind: 'calc', filter, projections: spec.projections.map(substitute) };
      this.nodes[inputId - 1] = { ...input, spec: merged, schema };
      return inputId;
    }
    return this.add(spec, schema, [forward(inputId)]);
  }
}

function isIdentity(spec: CalcSpec, schema: Schema, input: Schema): boolean {
  return (
    spec.filter === null &&
    spec.projections.length === input.fields.length &&
    spec.projections.every((p, i) => p.kind === 'column' && p.index === i) &&
    schema.fields.every((f, i) => f.name === input.fields[i]!.name && f.type.kind === input.fields[i]!.type.kind)
  );
}

function forward(from: number): Edge {
  return { from, partitioning: { kind: 'forward' } };
}

function hash(keys: readonly number[]): Partitioning {
  return { kind: 'hash', keys };
}

function stripRowtime<T extends { kind: string }>(type: T): T {
  if ((type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ') && 'rowtime' in type) {
    const { rowtime: _rowtime, ...rest } = type as T & { rowtime?: boolean };
    return rest as T;
  }
  return type;
}
