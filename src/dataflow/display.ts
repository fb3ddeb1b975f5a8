/**
 * SQL-like text of bound expressions for EXPLAIN: `(price * 2)`, `CAST(x AS DECIMAL(10, 2))`,
 * `(bidtime - INTERVAL '1' SECOND)`. Binary operations are always parenthesised so the text is unambiguous.
 */
import { bytesLiteralText } from '../common/nested-text.js';
import { formatDecimal } from '../common/decimal.js';
import { formatDate, formatTime, formatTimestamp, MILLIS } from '../common/time.js';
import { formatTimestampNanos } from '../common/precise-timestamp.js';
import { formatType, withoutRowtime, type DataType } from '../common/types.js';
import type { Value } from '../common/values.js';
import { userFunctionName, type Expr, type ScalarOp } from './expr.js';

const INFIX: Readonly<Partial<Record<ScalarOp, string>>> = {
  'add': '+', 'subtract': '-', 'multiply': '*', 'divide': '/', 'modulo': '%',
  'timestamp-add-interval': '+', 'timestamp-subtract-interval': '-', 'time-add-interval': '+', 'time-subtract-interval': '-',
  'equal': '=', 'not-equal': '<>', 'less': '<', 'less-equal': '<=', 'greater': '>', 'greater-equal': '>=',
  'and': 'AND', 'or': 'OR', 'concat': '||',
};

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function formatName(name: string): string {
  return PLAIN_IDENTIFIER.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** `INTERVAL '10' MINUTE` in the largest unit that divides the value; `INTERVAL '1.5' SECOND` otherwise. */
export function formatIntervalLiteral(millis: number): string {
  const units: [number, string][] = [[MILLIS.day, 'DAY'], [MILLIS.hour, 'HOUR'], [MILLIS.minute, 'MINUTE']];
  for (const [size, name] of units) {
    if (millis !== 0 && millis % size === 0) return `INTERVAL '${millis / size}' ${name}`;
  }
  if (millis % MILLIS.second === 0) return `INTERVAL '${millis / MILLIS.second}' SECOND`;
  const seconds = formatDecimal(BigInt(millis), 3).replace(/0+$/, '');
  return `INTERVAL '${seconds}' SECOND`;
}

/** A year-month interval of `months` as a literal: `INTERVAL '2' YEAR`, `INTERVAL '14' MONTH`, `INTERVAL '10-3' YEAR TO MONTH`. */
export function formatYearMonthLiteral(months: number): string {
  if (months !== 0 && months % 12 === 0) return `INTERVAL '${months / 12}' YEAR`;
  if (Math.abs(months) < 100) return `INTERVAL '${months}' MONTH`;
  const magnitude = Math.abs(months);
  return `INTERVAL '${months < 0 ? '-' : ''}${Math.floor(magnitude / 12)}-${magnitude % 12}' YEAR TO MONTH`;
}

function formatLiteral(value: Value, type: DataType): string {
  if ((type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ') && type.proctime === true) return 'PROCTIME()'; // the wall clock, read per batch
  if (value === null) return type.kind === 'NULL' ? 'NULL' : `CAST(NULL AS ${formatType(withoutRowtime(type))})`;
  switch (type.kind) {
    case 'BOOLEAN': return value ? 'TRUE' : 'FALSE';
    case 'DECIMAL': return formatDecimal(value as bigint, type.scale);
    case 'STRING': return `'${String(value).replace(/'/g, "''")}'`;
    case 'TIMESTAMP':
      return `TIMESTAMP '${type.precision > 3 ? formatTimestampNanos(value as bigint, type.precision) : formatTimestamp(value as number, type.precision)}'`;
    case 'DATE': return `DATE '${formatDate(value as number)}'`;
    case 'TIME': return `TIME '${formatTime(value as number, type.precision)}'`;
    case 'INTERVAL': return formatIntervalLiteral(value as number);
    case 'INTERVAL_YEAR_MONTH': return formatYearMonthLiteral(value as number);
    case 'BYTES': return bytesLiteralText(value as Uint8Array);
    default: return String(value);
  }
}

/** SQL-like text of `expr`; `inputNames[i]` names input column i (`$i` when missing). */
export function formatExpr(expr: Expr, inputNames: readonly string[]): string {
  const format = (e: Expr): string => formatExpr(e, inputNames);
  switch (expr.kind) {
    case 'column': {
      const name = inputNames[expr.index];
      return name === undefined ? `$${expr.index}` : formatName(name);
    }
    case 'literal':
      return formatLiteral(expr.value, expr.type);
    case 'cast':
      return `${expr.orNull ? 'TRY_CAST' : 'CAST'}(${format(expr.arg)} AS ${formatType(withoutRowtime(expr.type))})`;
    case 'case': {
      const parts = expr.whens.map(({ when, then }) => `WHEN ${format(when)} THEN ${format(then)}`);
      if (expr.otherwise !== null) parts.push(`ELSE ${format(expr.otherwise)}`);
      return `CASE ${parts.join(' ')} END`;
    }
    case 'call': {
      const args = expr.args.map(format);
      const infix = INFIX[expr.op];
      if (infix !== undefined) return `(${args.join(` ${infix} `)})`;
      switch (expr.op) {
        case 'negate': {
          const operand = args[0] ?? '';
          return operand.startsWith('-') ? `(- ${operand})` : `(-${operand})`;
        }
        case 'not': return `(NOT ${args[0] ?? ''})`;
        case 'is-null': return `(${args[0] ?? ''} IS NULL)`;
        case 'is-not-null': return `(${args[0] ?? ''} IS NOT NULL)`;
        case 'row-field': {
          const row = expr.args[0]!.type;
          const index = (expr.args[1] as { value: Value }).value as number;
          return `${args[0] ?? ''}.${row.kind === 'ROW' ? formatName(row.fields[index]?.name ?? String(index)) : index}`;
        }
        case 'array-element': case 'map-value': return `${args[0] ?? ''}[${args[1] ?? ''}]`;
        case 'row-constructor': return `ROW(${args.join(', ')})`;
        case 'array-constructor': return `ARRAY[${args.join(', ')}]`;
        case 'udf': {
          return `${userFunctionName(String((expr.args[0] as { value: Value }).value))}(${args.slice(1).join(', ')})`;
        }
        case 'map-constructor': return `MAP[${args.join(', ')}]`;
        case 'json-value': case 'json-query': case 'json-exists':
          return formatJsonCall(expr.op, args, String((expr.args[2] as { value: Value }).value));
        case 'is-json': return `(${args[0] ?? ''} IS JSON ${String((expr.args[1] as { value: Value }).value)})`;
        default: return `${expr.op.toUpperCase().replaceAll('-', '_')}(${args.join(', ')})`;
      }
    }
  }
}

/** JSON_VALUE / JSON_QUERY / JSON_EXISTS as written, with the clauses that differ from the defaults. */
function formatJsonCall(op: 'json-value' | 'json-query' | 'json-exists', args: readonly string[], specText: string): string {
  const spec = JSON.parse(specText) as { returning?: string; wrapper?: string; onEmpty?: string; onError?: string };
  const clauses: string[] = [];
  if (spec.returning !== undefined && spec.returning !== 'STRING') clauses.push(`RETURNING ${spec.returning === 'ARRAY' ? 'ARRAY<STRING>' : spec.returning}`);
  if (spec.wrapper !== undefined && spec.wrapper !== 'WITHOUT') clauses.push(`WITH ${spec.wrapper} ARRAY WRAPPER`);
  const behavior = (value: string | undefined, fallback: string, defaultArg: string | undefined, on: string): void => {
    if (value !== undefined && value !== fallback) clauses.push(`${value === 'DEFAULT' ? `DEFAULT ${defaultArg ?? ''}` : value} ON ${on}`);
  };
  behavior(spec.onEmpty, 'NULL', args[3], 'EMPTY');
  behavior(spec.onError, op === 'json-exists' ? 'FALSE' : 'NULL', args[4], 'ERROR');
  return `${op.toUpperCase().replace('-', '_')}(${args[0] ?? ''}, ${args[1] ?? ''}${clauses.map((clause) => ` ${clause}`).join('')})`;
}
