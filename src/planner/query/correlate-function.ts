/**
 * The table function on the right of a correlate: `UNNEST(collection)` or a user-defined `LATERAL TABLE(f(x))`,
 * bound in the scope of the join's left side, with the columns it produces (Flink's names when no alias names
 * them: an ARRAY's element `EXPR$0`, a MAP's `KEY` and `VALUE`, an ARRAY of ROWs' field names).
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { formatType, withoutRowtime } from '../../common/types.js';
import type { CorrelateFunction } from '../../dataflow/correlate.js';
import type { Field } from '../../dataflow/schema.js';
import type { LateralTable, UnnestRef } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import type { Scope } from '../binder/scope.js';
import { suggestName } from '../binder/suggest.js';
import { bindTableFunctionArguments, lookupUserTableFunction, userTableFunctionNames } from '../binder/user-table-functions.js';

export interface BoundTableFunction {
  readonly function: CorrelateFunction;
  /** The produced columns, before the alias's column names are applied. */
  readonly fields: readonly Field[];
}

export function bindTableFunction(item: LateralTable | UnnestRef, left: Scope): BoundTableFunction {
  return item.kind === 'unnest' ? bindUnnest(item, left) : bindUserTableFunction(item, left);
}

function bindUnnest(item: UnnestRef, left: Scope): BoundTableFunction {
  if (item.withOrdinality !== null) {
    throw new NotImplementedError('UNNEST … WITH ORDINALITY is not supported (Flink 1.20 does not support it; it arrives in Flink 2.1)', { position: item.withOrdinality });
  }
  const argument = bindExpression(item.argument, left, { clause: 'UNNEST' });
  const type = withoutRowtime(argument.type);
  if (type.kind === 'ARRAY') {
    const element = type.element;
    if (element.kind === 'ROW') {
      return {
        function: { kind: 'unnest', argument, expansion: 'row-fields' },
        fields: element.fields.map((f) => ({ name: f.name, type: f.type, nullable: true })),
      };
    }
    return { function: { kind: 'unnest', argument, expansion: 'element' }, fields: [{ name: 'EXPR$0', type: element, nullable: true }] };
  }
  if (type.kind === 'MAP') {
    return {
      function: { kind: 'unnest', argument, expansion: 'map-entries' },
      fields: [{ name: 'KEY', type: type.key, nullable: true }, { name: 'VALUE', type: type.value, nullable: true }],
    };
  }
  throw new PlanError(`UNNEST takes an ARRAY or a MAP, not ${formatType(type)}`, { position: item.argument.position ?? item.position });
}

function bindUserTableFunction(item: LateralTable, left: Scope): BoundTableFunction {
  const call = item.call;
  const fn = lookupUserTableFunction(call.name.name);
  if (fn === undefined) {
    const suggestion = suggestName(call.name.name, userTableFunctionNames());
    throw new PlanError(`No table function named '${call.name.name}'`, {
      position: call.position,
      hint: suggestion === undefined ? 'register one with engine.registerTableFunction' : `did you mean '${suggestion}'?`,
    });
  }
  if (call.distinct || call.star) throw new PlanError(`${call.star ? '*' : 'DISTINCT'} is not allowed in '${fn.name}'`, { position: call.position });
  const bound = call.args.map((arg) => ({ expr: bindExpression(arg, left, { clause: `the arguments of table function '${fn.name}'` }), position: arg.position ?? call.position }));
  const args = bindTableFunctionArguments(fn, bound, call.position);
  return {
    function: { kind: 'user', id: fn.id, name: fn.name, args },
    fields: fn.fields.map((f) => ({ name: f.name, type: f.type, nullable: true })),
  };
}
