/**
 * Stamps the session time zone into the casts of a dataflow graph that convert to or from TIMESTAMP_LTZ (between an
 * instant and a wall clock), so that the runtime needs no session state: a job planned under
 * `SET 'table.local-time-zone' = 'Europe/Berlin'` keeps converting in Berlin time. The graph is plain data; every
 * expression in every operator spec is visited (literal values are left as they are). Windows over a TIMESTAMP_LTZ
 * rowtime (`ltz: true`) get the zone too: their boundaries are wall clocks of the session zone.
 */
import type { DataflowGraph } from '../../dataflow/graph.js';
import type { CastExpr } from '../../dataflow/expr.js';

export function withTimeZone(graph: DataflowGraph, zone: string): DataflowGraph {
  return { ...graph, nodes: graph.nodes.map((node) => {
    const spec = stamp(node.spec, zone);
    return spec === node.spec ? node : { ...node, spec };
  }) };
}

const ZONED_KINDS = new Set(['tumble', 'hop', 'cumulate', 'session', 'window-rank']);

function isZoneCast(value: Record<string, unknown>): value is CastExpr & Record<string, unknown> {
  if (value['kind'] !== 'cast' || !('arg' in value) || !('type' in value)) return false;
  const cast = value as unknown as CastExpr;
  return cast.type.kind === 'TIMESTAMP_LTZ' || cast.arg.type.kind === 'TIMESTAMP_LTZ';
}

/** `value` with the zone in its LTZ casts; the same object when it holds none. */
function stamp<T>(value: T, zone: string): T {
  if (Array.isArray(value)) {
    const items = value.map((v: unknown) => stamp(v, zone));
    return items.some((v, i) => v !== value[i]) ? (items as T) : value;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  if (record['kind'] === 'literal') return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    out[key] = stamp(field, zone);
    if (out[key] !== field) changed = true;
  }
  if (isZoneCast(record)) {
    out['zone'] = zone;
    changed = true;
  }
  if (record['ltz'] === true && ZONED_KINDS.has(record['kind'] as string)) { // windows over a TIMESTAMP_LTZ rowtime
    out['timeZone'] = zone;
    changed = true;
  }
  return changed ? (out as T) : value;
}
