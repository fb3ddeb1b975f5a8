/**
 * Rule `PropagateTimeAttributes`: after rewrites, a column that is a time attribute below (e.g. window_time of a
 * fused WindowAggregate) stays one above, through projections and filters that pass it through unchanged.
 * Runs once over the whole plan, bottom-up.
 */
import { isRowtime, withoutRowtime } from '../../common/types.js';
import type { LogicalPlan } from '../logical/plan.js';
import { rewriteColumns } from './expr-utils.js';

export function propagateTimeAttributes(plan: LogicalPlan): LogicalPlan {
  if (plan.kind === 'scan') return plan;
  // A window join materialises its inputs' time attributes: its own schema does not change.
  if (plan.kind === 'window-join') return { ...plan, left: propagateTimeAttributes(plan.left), right: propagateTimeAttributes(plan.right) };
  // A regular join materialises time attributes; an interval join keeps those of its inputs.
  if (plan.kind === 'join') {
    const [left, right] = [propagateTimeAttributes(plan.left), propagateTimeAttributes(plan.right)];
    if (plan.temporal) {
      // A temporal join keeps the left input's time attributes.
      const fields = plan.schema.fields.map((f, i) => (i < left.schema.fields.length ? { ...f, type: left.schema.fields[i]!.type } : f));
      return { ...plan, left, right, schema: { fields } };
    }
    if (plan.interval === null) return { ...plan, left, right };
    const inputFields = [...left.schema.fields, ...right.schema.fields];
    const fields = plan.schema.fields.map((f, i) => ({ ...f, type: inputFields[i]!.type }));
    return { ...plan, left, right, schema: { fields } };
  }
  // A union column is a time attribute only when it is one on every side.
  if (plan.kind === 'union') {
    const inputs = plan.inputs.map(propagateTimeAttributes);
    const fields = plan.schema.fields.map((f, i) => {
      const sideTypes = inputs.map((input) => input.schema.fields[i]!.type);
      return { ...f, type: sideTypes.every(isRowtime) ? sideTypes[0]! : withoutRowtime(f.type) };
    });
    return { ...plan, inputs, schema: { fields } };
  }
  const input = propagateTimeAttributes(plan.input);
  const inputFields = input.schema.fields;
  switch (plan.kind) {
    case 'project': {
      const exprs = plan.exprs.map((e) => rewriteColumns(e, (i) => ({ kind: 'column', index: i, type: inputFields[i]!.type })));
      const fields = plan.schema.fields.map((f, i) => {
        const e = exprs[i]!;
        const passesTime = e.kind === 'column' && isRowtime(e.type);
        return { ...f, type: passesTime ? e.type : withoutRowtime(f.type) };
      });
      return { ...plan, input, exprs, schema: { fields } };
    }
    case 'filter':
      return { ...plan, input, predicate: rewriteColumns(plan.predicate, (i) => ({ kind: 'column', index: i, type: inputFields[i]!.type })), schema: input.schema };
    case 'correlate': {
      // The input's columns pass through (time attributes included); the produced columns follow them.
      const fields = plan.schema.fields.map((f, i) => (i < inputFields.length ? { ...f, type: inputFields[i]!.type } : f));
      return { ...plan, input, schema: { fields } };
    }
    default:
      return { ...plan, input } as LogicalPlan;
  }
}
