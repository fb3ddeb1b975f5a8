/**
 * The planner's entry points: DDL into the catalog, and INSERT / SELECT into a physical dataflow graph with its
 * EXPLAIN text. The planner never touches the runtime or the connectors: it receives their capabilities.
 */
import { PlanError } from '../common/errors.js';
import { formatType, isNumeric, sameType, type DataType } from '../common/types.js';
import type { ConnectorDescriptor, DataflowGraph, GraphNode, LateRowMapping, OperatorSpec } from '../dataflow/graph.js';
import type { Schema } from '../dataflow/schema.js';
import type { CreateTable, CreateView, Insert, Query, TableLike } from '../parser/ast.js';
import { mergeLike } from './table-like.js';
import { coerce } from './binder/expressions.js';
import { Catalog, type CatalogTable, type CatalogView } from './catalog.js';
import { tableFromDdl } from './ddl.js';
import { restText } from './source-text.js';
import { explainGraph } from './explain.js';
import { inputsOf, isUpdating, updatingOperator, type LogicalPlan } from './logical/plan.js';
import { lowerToDataflow } from './lower/to-dataflow.js';
import { mergeGraphs, shareSubplans } from './lower/share-subplans.js';
import { withTimeZone } from './lower/time-zone.js';
import { pruneSourceReads } from './lower/prune-source-reads.js';
import { rewrite } from './rules/index.js';
import { planQuery } from './query/select.js';
import { columnExpr } from '../dataflow/expr.js';

export { Catalog, systemTableBase } from './catalog.js';
export type { CatalogTable, CatalogView, CatalogEntry, CatalogColumn, SystemTableProvider } from './catalog.js';

/** Session settings the planner bakes into a job (read when the job is planned). Durations in milliseconds. */
export interface PlannerOptions {
  /** `'table.exec.emit.allow-lateness'`; 0 or absent: off. */
  readonly allowedLateness?: number;
  /** `'table.exec.emit.early-fire.delay'`, when `'table.exec.emit.early-fire.enabled'` is true; absent: off. */
  readonly earlyFireDelay?: number;
  /** `'table.exec.watermark.max-future-skew'`; absent: off. */
  readonly maxFutureSkew?: number;
  /** `'table.exec.state.ttl'`: idle state retention of unbounded aggregations; absent: forever. */
  readonly stateTtl?: number;
  /** `'table.local-time-zone'`, resolved: the zone of TIMESTAMP_LTZ conversions; absent: UTC. */
  readonly timeZone?: string;
  /** `'table.optimizer.reuse-sub-plan-enabled'`: share repeated scans and sub-plans (see share-subplans.ts); default true. */
  readonly reuseSubplans?: boolean;
}

export interface ConnectorCapabilities {
  /** Throws (ConnectorError / PlanError) if the descriptor's options are invalid for the role. */
  validate(role: 'source' | 'sink' | 'lookup', descriptor: ConnectorDescriptor): void;
  /** Whether a sink connector can consume -U/+U/-D rows. */
  /** Whether a sink table takes updating results (-U/+U/-D); the descriptor says e.g. whether it has a primary key. */
  acceptsUpdates(connector: string, descriptor?: ConnectorDescriptor): boolean;
  /** Whether a source can leave unread columns and ROW fields NULL without decoding them (see prune-source-reads.ts). */
  skipsUnreadFields?(descriptor: ConnectorDescriptor): boolean;
}

export interface PlannedJob {
  readonly graph: DataflowGraph;
  readonly explain: string;
  readonly outputSchema: Schema;
  readonly updating: boolean;
  /** The rewrite rules that shaped the plan (EXPLAIN's last section). */
  readonly rules: readonly string[];
}

export function createTable(ddl: CreateTable, catalog: Catalog): CatalogTable | undefined {
  if (catalog.has(ddl.name.name)) {
    if (ddl.ifNotExists) return undefined;
    throw new PlanError(`Table '${ddl.name.name}' already exists`, { position: ddl.name.position });
  }
  const table = ddl.like ? tableLike(ddl, ddl.like, catalog) : tableFromDdl(ddl);
  catalog.add(table);
  return table;
}

/** CREATE TABLE … LIKE base: the merged DDL; computed columns and a watermark taken from base keep base's SQL text. */
function tableLike(ddl: CreateTable, like: TableLike, catalog: Catalog): CatalogTable {
  const base = catalog.resolveTable(like.name);
  const merged = tableFromDdl(mergeLike(ddl, like, base));
  const columns = merged.columns.map((column) => {
    const inherited = base.columns.find((c) => c.computed !== null && c.computed === column.computed);
    if (!inherited) return column;
    // The merged DDL's text is the new statement's: an inherited expression's text is base's, or none.
    const { computedSql: _unrelated, ...rest } = column;
    return inherited.computedSql ? { ...rest, computedSql: inherited.computedSql } : rest;
  });
  const watermark = merged.watermark && base.watermark && merged.watermark.expression === base.watermark.expression
    ? { column: merged.watermark.column, expression: merged.watermark.expression, text: merged.watermark.text, ...(base.watermark.sql ? { sql: base.watermark.sql } : {}) }
    : merged.watermark;
  return { ...merged, columns, watermark };
}

export function createView(ddl: CreateView, catalog: Catalog): CatalogView | undefined {
  if (catalog.has(ddl.name.name)) {
    if (ddl.ifNotExists) return undefined;
    throw new PlanError(`Table or view '${ddl.name.name}' already exists`, { position: ddl.name.position });
  }
  const planned = planQuery(ddl.query, { catalog, expanding: [ddl.name.name] });
  const columns = planned.plan.schema.fields.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable, computed: null }));
  const queryText = restText(ddl, ddl.query.position);
  const view: CatalogView = { kind: 'view', name: ddl.name.name, query: ddl.query, columns, position: ddl.position, ...(queryText ? { queryText } : {}) };
  catalog.add(view);
  return view;
}

/** The columns a query produces, without planning a job (for DESCRIBE of views and the shell). */
export function queryColumns(query: Query, catalog: Catalog): Schema {
  return planQuery(query, { catalog, expanding: [] }).plan.schema;
}

export function planSelect(query: Query, catalog: Catalog, connectors: ConnectorCapabilities, options: PlannerOptions = {}): PlannedJob {
  const planned = planQuery(query, { catalog, expanding: [] });
  return finish({ kind: 'collect', input: planned.plan, schema: planned.plan.schema }, connectors, options);
}

export function planInsert(insert: Insert, catalog: Catalog, connectors: ConnectorCapabilities, options: PlannerOptions = {}): PlannedJob {
  const table = catalog.resolveTable(insert.table);
  const planned = planQuery(insert.query, { catalog, expanding: [] });
  // VIRTUAL metadata columns are read-only: a sink neither receives nor expects them. Other METADATA columns are
  // written by the sink (Kafka's timestamp and headers); the connector refuses the ones it cannot write.
  const sinkColumns = table.columns.filter((c) => c.computed === null && !c.metadata?.virtual);
  const metadata = sinkColumns.flatMap((c, index) => (c.metadata ? [{ index, key: c.metadata.key }] : []));
  let targets = sinkColumns.map((_, i) => i);
  if (insert.columns.length > 0) {
    targets = insert.columns.map((id) => {
      const index = sinkColumns.findIndex((c) => c.name.toLowerCase() === id.name.toLowerCase());
      if (index < 0) throw new PlanError(`Unknown column '${id.name}' in table '${table.name}'`, { position: id.position });
      return index;
    });
  }
  const queryFields = planned.plan.schema.fields;
  if (queryFields.length !== targets.length) {
    throw new PlanError(
      `Column count mismatch: the query produces ${queryFields.length} column${queryFields.length === 1 ? '' : 's'} but table '${table.name}' expects ${targets.length}`,
      { position: insert.query.position },
    );
  }
  const exprs = sinkColumns.map((column, sinkIndex) => {
    const position = targets.indexOf(sinkIndex);
    const target = withoutTimeAttribute(column.type);
    if (position < 0) return { kind: 'literal', value: null, type: target } as const;
    const source = queryFields[position]!;
    if (!assignable(source.type, target)) {
      throw new PlanError(
        `Incompatible types for sink column '${column.name}' at position ${sinkIndex + 1}: the query produces ${formatType(source.type)} ('${source.name}'), the table expects ${formatType(target)}`,
        { position: insert.query.items[Math.min(position, insert.query.items.length - 1)]?.position ?? insert.query.position },
      );
    }
    return coerce(columnExpr(position, source.type), target);
  });
  const schema: Schema = { fields: sinkColumns.map((c) => ({ name: c.name, type: withoutTimeAttribute(c.type), nullable: c.nullable })) };
  const cast: LogicalPlan = { kind: 'project', input: planned.plan, exprs, schema };
  const descriptor: ConnectorDescriptor = {
    table: table.name,
    connector: table.options['connector'] ?? '',
    options: table.options,
    schema,
    ...(table.primaryKey.length > 0 ? { primaryKey: table.primaryKey } : {}),
    ...(table.partitionKeys ? { partitionKeys: table.partitionKeys } : {}),
    ...(metadata.length > 0 ? { metadata } : {}),
  };
  if (isUpdating(planned.plan) && !connectors.acceptsUpdates(descriptor.connector, descriptor)) {
    throw new PlanError(
      `Table sink '${table.name}' (connector '${descriptor.connector}') doesn't support consuming update changes, which the query produces (${updatingOperator(planned.plan)}). Use a window aggregation, a 'sqlite' or 'upsert-kafka' sink with a PRIMARY KEY (…) NOT ENFORCED, or a sink that accepts updates such as 'print'`,
      { position: insert.query.position },
    );
  }
  connectors.validate('sink', descriptor);
  const job = finish({ kind: 'sink', input: cast, connector: descriptor, schema }, connectors, options);
  const sinkInput = job.graph.nodes.find((n) => n.id === job.graph.nodes[job.graph.nodes.length - 1]!.inputs[0]?.from);
  if (sinkInput?.changelog === 'updates' && !connectors.acceptsUpdates(descriptor.connector, descriptor)) {
    throw new PlanError(
      `Table sink '${table.name}' (connector '${descriptor.connector}') doesn't support consuming update changes, which the query produces ('table.exec.emit.allow-lateness' or early firing makes window results updatable). Reset those settings, or use a sink that accepts updates such as 'print'`,
      { position: insert.query.position },
    );
  }
  return job;
}

/**
 * A statement set (`EXECUTE STATEMENT SET BEGIN INSERT …; INSERT …; END`): every INSERT planned as on its own, then
 * one graph with a sink per INSERT, where identical scans and sub-plans are shared (see `mergeGraphs`).
 */
export function planStatementSet(inserts: readonly Insert[], catalog: Catalog, connectors: ConnectorCapabilities, options: PlannerOptions = {}): PlannedJob {
  const jobs = inserts.map((insert) => planInsert(insert, catalog, connectors, options));
  // Each INSERT's sources read only what it needs; a shared source reads what all its consumers need.
  const merged = mergeGraphs(jobs.map((job) => withoutReadMasks(job.graph)), options.reuseSubplans !== false);
  const graph = pruneSourceReads(merged, (node) => skipsUnreadFields(connectors, node));
  const rules = [...new Set(jobs.flatMap((job) => job.rules))];
  const last = graph.nodes[graph.nodes.length - 1]!;
  const updating = jobs.some((job) => job.updating);
  return { graph, explain: explainGraph(graph, rules), outputSchema: last.schema, updating, rules };
}

function finish(plan: LogicalPlan, connectors: ConnectorCapabilities, options: PlannerOptions): PlannedJob {
  const { plan: rewritten, applied } = rewrite(plan);
  const lowered = withTimeZone(applyEventTimeOptions(lowerToDataflow(rewritten), options), options.timeZone ?? 'UTC');
  const graph = pruneSourceReads(options.reuseSubplans === false ? lowered : shareSubplans(lowered), (node) => skipsUnreadFields(connectors, node));
  for (const node of graph.nodes) {
    if (node.spec.kind === 'source') connectors.validate('source', node.spec.connector);
    if (node.spec.kind === 'lookup-join') connectors.validate('lookup', node.spec.connector);
  }
  const calcsMerged = graph.nodes.filter((n) => n.spec.kind === 'calc').length < countProjections(rewritten);
  const fused = graph.nodes.some((n) => n.spec.kind === 'window-aggregate') && !applied.includes('FuseWindowAggregate');
  const attached = graph.nodes.some((n) => n.spec.kind === 'window-aggregate' && n.spec.attached) && !applied.includes('AttachWindowAggregate');
  const rules = [...(fused ? ['FuseWindowAggregate'] : []), ...(attached ? ['AttachWindowAggregate'] : []), ...applied, ...(calcsMerged ? ['MergeCalc'] : [])];
  const last = graph.nodes[graph.nodes.length - 1]!;
  return { graph, explain: explainGraph(graph, rules), outputSchema: last.schema, updating: last.changelog === 'updates', rules };
}

function skipsUnreadFields(connectors: ConnectorCapabilities, node: GraphNode): boolean {
  return node.spec.kind === 'source' && (connectors.skipsUnreadFields?.(node.spec.connector) ?? false);
}

function withoutReadMasks(graph: DataflowGraph): DataflowGraph {
  return {
    nodes: graph.nodes.map((node) => {
      if (node.spec.kind !== 'source' || node.spec.connector.readMask === undefined) return node;
      const { readMask: _readMask, ...connector } = node.spec.connector;
      return { ...node, spec: { ...node.spec, connector } };
    }),
  };
}

function countProjections(plan: LogicalPlan): number {
  const own = plan.kind === 'project' || plan.kind === 'filter' ? 1 : 0;
  if (plan.kind === 'scan') return own + (plan.table.columns.some((c) => c.computed) ? 1 : 0);
  return own + inputsOf(plan).reduce((sum, input) => sum + countProjections(input), 0);
}

function withoutTimeAttribute(type: DataType): DataType {
  return type.kind === 'TIMESTAMP' ? { kind: 'TIMESTAMP', precision: type.precision } : type;
}

/** Implicit casts allowed when writing into a sink column (Flink's implicit cast rules, narrowed). */
function assignable(from: DataType, to: DataType): boolean {
  if (from.kind === 'NULL' || sameType(from, to)) return true;
  if (from.kind === to.kind) return true; // DECIMAL(p,s) → DECIMAL(p',s'), TIMESTAMP precisions, VARCHAR lengths
  const rank = (t: DataType): number => ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE'].indexOf(t.kind);
  if (isNumeric(from) && isNumeric(to)) return rank(from) <= rank(to) || to.kind === 'DECIMAL';
  return false;
}

/**
 * Bakes the event-time settings into the operator specs (allowed lateness and early firing on window aggregates,
 * aligned and SESSION; allowed lateness on bare aligned window TVFs, not on the bare SESSION TVF, whose rows' bounds
 * could not be revised without retractions; max-future-skew on watermark assigners), marks outputs that become
 * update streams, and tells each window operator where its dropped rows' table columns are (`lateRow`).
 */
function applyEventTimeOptions(graph: DataflowGraph, options: PlannerOptions): DataflowGraph {
  const lateness = options.allowedLateness ?? 0;
  const nodes: GraphNode[] = [];
  for (const node of graph.nodes) {
    let spec: OperatorSpec = node.spec;
    let updates = node.changelog === 'updates' || node.inputs.some((e) => nodes.find((n) => n.id === e.from)?.changelog === 'updates');
    if (spec.kind === 'watermark-assigner' && options.maxFutureSkew !== undefined) spec = { ...spec, maxFutureSkew: options.maxFutureSkew };
    if (spec.kind === 'window-tvf' || spec.kind === 'window-aggregate' || spec.kind === 'over-aggregate' || spec.kind === 'temporal-sort' || spec.kind === 'match-recognize') {
      const lateRow = lateRowMapping(node, spec.lateTable, nodes);
      if (lateRow) spec = { ...spec, lateRow };
    }
    if (spec.kind === 'window-tvf' && spec.window.kind !== 'session' && lateness > 0) spec = { ...spec, allowedLateness: lateness };
    if (spec.kind === 'window-aggregate') {
      if (lateness > 0) spec = { ...spec, allowedLateness: lateness };
      if (options.earlyFireDelay !== undefined) spec = { ...spec, earlyFireDelay: options.earlyFireDelay };
      if (lateness > 0 || options.earlyFireDelay !== undefined) updates = true;
      if (nodes.find((n) => n.id === node.inputs[0]?.from)?.changelog === 'updates') spec = { ...spec, inputUpdates: true };
    }
    if (spec.kind === 'group-aggregate' && options.stateTtl !== undefined) spec = { ...spec, stateTtl: options.stateTtl };
    if (spec.kind === 'join' && options.stateTtl !== undefined) spec = { ...spec, stateTtl: options.stateTtl };
    if (spec.kind === 'changelog-normalize' && options.stateTtl !== undefined) spec = { ...spec, stateTtl: options.stateTtl };
    if ((spec.kind === 'rank' || spec.kind === 'deduplicate') && options.stateTtl !== undefined) spec = { ...spec, stateTtl: options.stateTtl };
    if (spec.kind === 'rank' && !spec.inputUpdates && nodes.find((n) => n.id === node.inputs[0]?.from)?.changelog === 'updates') spec = { ...spec, inputUpdates: true };
    if (spec.kind === 'group-aggregate' && updates && !spec.inputUpdates) {
      const input = nodes.find((n) => n.id === node.inputs[0]?.from);
      if (input?.changelog === 'updates') spec = { ...spec, inputUpdates: true };
    }
    nodes.push({ ...node, spec, changelog: updates ? 'updates' : 'append' });
  }
  return { nodes };
}

/**
 * For each column of the late table (the columns the table's watermark assigner outputs), the index of the window
 * operator's input column holding it: directly, through one Calc's plain column references, or else by name;
 * −1 where the operator does not see the column (it is logged as NULL).
 */
function lateRowMapping(node: GraphNode, lateTable: string, built: readonly GraphNode[]): LateRowMapping | undefined {
  const assigner = built.find((n) => n.spec.kind === 'watermark-assigner' && n.spec.table === lateTable);
  const input = built.find((n) => n.id === node.inputs[0]?.from);
  if (!assigner || !input) return undefined;
  const tableFields = assigner.schema.fields;
  if (input.id === assigner.id) return tableFields.map((_, j) => j);
  if (input.spec.kind === 'calc' && input.inputs[0]?.from === assigner.id) {
    const projections = input.spec.projections;
    return tableFields.map((_, j) => projections.findIndex((p) => p.kind === 'column' && p.index === j));
  }
  return tableFields.map((f) => input.schema.fields.findIndex((g) => g.name === f.name && g.type.kind === f.type.kind));
}
