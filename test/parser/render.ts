/** Test helpers: a compact rendering of expressions that shows the tree's grouping, and position-free shapes. */
import type { Expression } from '../../src/parser/ast.js';

/** The node without `position`/`fnPosition` fields, for comparing shapes. */
export function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key: string, v: unknown) => (key === 'position' || key === 'fnPosition' ? undefined : v)));
}

/** A compact rendering that shows the tree's grouping: `(a + (b * c))`. */
export function render(expr: Expression): string {
  switch (expr.kind) {
    case 'column':
      return expr.path.map((part) => part.name).join('.');
    case 'literal':
      return expr.type === 'string' ? `'${expr.text}'` : expr.text;
    case 'binary':
      return `(${render(expr.left)} ${expr.op} ${render(expr.right)})`;
    case 'unary':
      return `(${expr.op === 'NOT' ? 'NOT ' : expr.op}${render(expr.operand)})`;
    case 'is-null':
      return `(${render(expr.operand)} IS ${expr.negated ? 'NOT ' : ''}NULL)`;
    case 'call':
      return `${expr.name.name}(${expr.star ? '*' : ''}${expr.distinct ? 'DISTINCT ' : ''}${expr.args.map(render).join(', ')})`;
    case 'cast':
      return `CAST(${render(expr.operand)} AS ${expr.type.name}(${expr.type.params.join(', ')}))`;
    case 'interval':
      return `INTERVAL ${expr.sign < 0 ? '-' : ''}'${expr.text}' ${expr.unit}${expr.toUnit ? ` TO ${expr.toUnit}` : ''}`;
    case 'case':
      return `CASE ${expr.operand ? render(expr.operand) + ' ' : ''}${expr.whens.map((w) => `WHEN ${render(w.when)} THEN ${render(w.then)}`).join(' ')}${expr.else ? ` ELSE ${render(expr.else)}` : ''} END`;
    case 'star':
      return '*';
    case 'between':
      return `(${render(expr.operand)} ${expr.negated ? 'NOT ' : ''}BETWEEN ${expr.symmetric ? 'SYMMETRIC ' : ''}${render(expr.low)} AND ${render(expr.high)})`;
    case 'in-list':
      return `(${render(expr.operand)} ${expr.negated ? 'NOT ' : ''}IN (${expr.list.map(render).join(', ')}))`;
    case 'like':
      return `(${render(expr.operand)} ${expr.negated ? 'NOT ' : ''}${expr.operator} ${render(expr.pattern)}${expr.escape ? ` ESCAPE ${render(expr.escape)}` : ''})`;
    case 'is-distinct-from':
      return `(${render(expr.left)} IS ${expr.negated ? 'NOT ' : ''}DISTINCT FROM ${render(expr.right)})`;
    case 'is-truth':
      return `(${render(expr.operand)} IS ${expr.negated ? 'NOT ' : ''}${expr.value})`;
    case 'try-cast':
      return `TRY_CAST(${render(expr.operand)} AS ${expr.type.name})`;
    case 'element-access':
      return `${render(expr.operand)}[${render(expr.index)}]`;
    case 'field-access':
      return `(${render(expr.operand)}).${expr.field.name}`;
    case 'constructor':
      return `${expr.type}[${expr.args.map(render).join(', ')}]`;
    case 'symbol':
      return `:${expr.name}`;
    case 'binary-literal':
      return `x'${expr.hex}'`;
    case 'year-month-interval':
      return `INTERVAL '${expr.text}' ${expr.unit}${expr.toUnit ? ` TO ${expr.toUnit}` : ''}`;
    case 'in-subquery':
      return `(${render(expr.operand)} IN (<query>))`;
    case 'exists':
      return 'EXISTS(<query>)';
    case 'scalar-subquery':
      return '(<query>)';
    case 'over':
      return `${render(expr.call)} OVER ${expr.window.name?.name ?? '(…)'}`;
  }
}
