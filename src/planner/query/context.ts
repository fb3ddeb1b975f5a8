/** What query planning needs around it, and small helpers shared by its steps. */
import type { DataType } from '../../common/types.js';
import { withoutRowtime } from '../../common/types.js';
import type { Field, Schema } from '../../dataflow/schema.js';
import type { Catalog } from '../catalog.js';
import type { LogicalPlan } from '../logical/plan.js';
import type { Scope } from '../binder/scope.js';

export interface PlanningContext {
  readonly catalog: Catalog;
  /** Views being expanded, to catch a view that refers to itself. */
  readonly expanding: readonly string[];
}

/** A planned relation and the names through which the enclosing query sees its columns. */
export interface PlannedRelation {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

export function scopeForPlan(plan: LogicalPlan, qualifier: string | null): Scope {
  return {
    columns: plan.schema.fields.map((f, index) => ({ name: f.name, qualifier, type: f.type, nullable: f.nullable, index })),
  };
}

export function fieldsOf(names: readonly string[], types: readonly DataType[]): Field[] {
  return names.map((name, i) => ({ name, type: types[i]!, nullable: true }));
}

/** Time attributes are materialised (become plain TIMESTAMPs) by operators that do not keep event-time order. */
export function materialiseTimeAttributes(schema: Schema): Schema {
  return { fields: schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type) })) };
}

/** Makes names unique the way Flink does for derived columns: `a`, `a0`, `a1`, … */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let i = 0; used.has(candidate.toLowerCase()); i++) candidate = `${name}${i}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
