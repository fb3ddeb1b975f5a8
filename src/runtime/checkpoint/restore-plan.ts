/**
 * Matching a checkpoint or savepoint to the job about to run, by stable operator identity (operator-identity.ts):
 * for every stateful operator, whether its state is restored, dropped (the savepoint has state the job has no place
 * for) or started empty (a new operator). Dropping state is refused unless the user allows it
 * (`--allow-non-restored-state`), with a message naming the operator and what changed in its specification.
 * The keyed state of a matched operator is renamed to the operator's node number in the new plan.
 */
import type Database from 'better-sqlite3';
import type { DataflowGraph } from '../../dataflow/graph.js';
import type { CheckpointRecord, SourceCheckpoint, TaskCheckpoint } from './checkpoint-record.js';
import type { OperatorIdentity } from './operator-identity.js';

export type RestoreAction = 'restored' | 'dropped' | 'empty';

export interface RestoreDecision {
  /** Display name in the job (restored, empty) or in the savepoint (dropped), e.g. `WindowAggregate#5`. */
  readonly operator: string;
  readonly uid: string;
  readonly action: RestoreAction;
  /** Why, for dropped state: what differs. */
  readonly detail?: string;
}

export interface RestorePlan {
  /** The record with node ids of the new job, matched parts only. */
  readonly record: CheckpointRecord;
  readonly decisions: readonly RestoreDecision[];
  /** Savepoint node id → job node id, for every matched operator. */
  readonly renames: ReadonlyMap<number, number>;
  /** Savepoint node ids whose state is dropped. */
  readonly dropped: readonly number[];
}

/** Operators that never hold state: nothing to restore or lose. */
const STATELESS = new Set(['calc', 'correlate', 'union', 'collect']);

export function planRestore(
  record: CheckpointRecord,
  graph: DataflowGraph,
  identities: ReadonlyMap<number, OperatorIdentity>,
  nameOf: (nodeId: number) => string,
): RestorePlan {
  const byUid = new Map<string, number>();
  for (const [nodeId, identity] of identities) byUid.set(identity.uid, nodeId);
  const matched = new Set<number>();
  const renames = new Map<number, number>();
  const decisions: RestoreDecision[] = [];
  const dropped: number[] = [];
  const tasks: TaskCheckpoint[] = [];
  const sources: SourceCheckpoint[] = [];

  for (const source of record.sources) {
    const nodeId = byUid.get(source.uid);
    if (nodeId === undefined) {
      decisions.push({ operator: `TableSourceScan(${source.table})`, uid: source.uid, action: 'dropped', detail: `the job no longer reads '${source.table}' with these columns` });
      continue;
    }
    matched.add(nodeId);
    sources.push({ ...source, nodeId });
    decisions.push({ operator: `TableSourceScan(${source.table})`, uid: source.uid, action: 'restored' });
  }
  for (const task of record.tasks) {
    const nodeId = byUid.get(task.uid);
    if (nodeId !== undefined) {
      matched.add(nodeId);
      renames.set(task.nodeId, nodeId);
      tasks.push({ ...task, nodeId });
      if (!STATELESS.has(kindOf(task.uid))) decisions.push({ operator: nameOf(nodeId), uid: task.uid, action: 'restored' });
      continue;
    }
    if (STATELESS.has(kindOf(task.uid))) continue;
    dropped.push(task.nodeId);
    decisions.push({ operator: task.operator, uid: task.uid, action: 'dropped', detail: explainMismatch(task, graph, identities, matched, nameOf) });
  }
  for (const node of graph.nodes) {
    if (matched.has(node.id) || STATELESS.has(node.spec.kind)) continue;
    const name = node.spec.kind === 'source' ? `TableSourceScan(${node.spec.connector.table})` : nameOf(node.id);
    decisions.push({ operator: name, uid: identities.get(node.id)?.uid ?? '', action: 'empty' });
  }
  return { record: { ...record, tasks, sources }, decisions, renames, dropped };
}

/** Decisions that lose state, as one message per operator. */
export function droppedStateProblems(plan: RestorePlan): string[] {
  return plan.decisions.filter((d) => d.action === 'dropped').map((d) => `${d.operator} (${d.uid}): ${d.detail ?? 'no matching operator in the job'}`);
}

/** Renames matched operators' keyed state to their new node numbers and deletes dropped state (one transaction). */
export function applyRestorePlan(db: Database.Database, plan: RestorePlan): void {
  const renames = [...plan.renames].filter(([from, to]) => from !== to);
  if (renames.length === 0 && plan.dropped.length === 0) return;
  const move = db.prepare<[string, number, string]>("UPDATE state SET name = ? || substr(name, ?) WHERE name LIKE ? ESCAPE '\\'");
  const remove = db.prepare<[string]>("DELETE FROM state WHERE name LIKE ? ESCAPE '\\'");
  const apply = db.transaction(() => {
    for (const id of plan.dropped) remove.run(`${id}/%`);
    // Through a temporary prefix, so that 5 → 6 and 6 → 7 do not collide.
    for (const [from, to] of renames) move.run(`~${to}/`, String(from).length + 2, `${from}/%`);
    for (const [, to] of renames) move.run(`${to}/`, `~${to}/`.length + 1, `~${to}/%`);
  });
  apply();
}

function kindOf(uid: string): string {
  return uid.slice(0, uid.lastIndexOf('-'));
}

/** What differs between a savepoint operator and the job's unmatched operator of the same kind, if there is one. */
function explainMismatch(
  task: TaskCheckpoint,
  graph: DataflowGraph,
  identities: ReadonlyMap<number, OperatorIdentity>,
  matched: ReadonlySet<number>,
  nameOf: (nodeId: number) => string,
): string {
  const kind = kindOf(task.uid);
  const candidate = graph.nodes.find((node) => node.spec.kind === kind && !matched.has(node.id));
  if (!candidate) return `the job has no ${task.operator.replace(/#\d+$/, '')} operator left to take its state`;
  const now = identities.get(candidate.id)?.signature ?? '';
  const differences = describeDifferences(parse(task.signature), parse(now));
  return `the job's ${nameOf(candidate.id)} differs: ${differences.length > 0 ? differences.join('; ') : 'its specification changed'}`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Field paths whose values differ, with both values, specification first (e.g. `spec.aggregates[0]: COUNT(*) →
 * SUM(id)`); an object with a `display` text (aggregate calls) is shown by it.
 */
function describeDifferences(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObject(before) && isObject(after)) {
    if (typeof before['display'] === 'string' && typeof after['display'] === 'string' && before['display'] !== after['display']) {
      return [`${path || 'value'}: ${before['display']} → ${after['display']}`];
    }
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => (a === 'spec' ? -1 : b === 'spec' ? 1 : 0));
    return keys.flatMap((key) => describeDifferences(before[key], after[key], path ? `${path}.${key}` : key)).slice(0, 3);
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => describeDifferences(item, after[i], `${path}[${i}]`)).slice(0, 3);
  }
  return [`${path || 'value'}: ${short(before)} → ${short(after)}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function short(value: unknown): string {
  const text = value === undefined ? 'absent' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
