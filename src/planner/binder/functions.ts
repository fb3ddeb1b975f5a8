/**
 * Binding the built-in string and math functions: argument counts and types checked (errors name the function and
 * the argument), arguments coerced, result types as in Flink. Each becomes a `call` of its FunctionOp, evaluated
 * by runtime/expr/functions.ts; CONCAT becomes nested `||`, MOD the `%` operator.
 */
import { PlanError } from '../../common/errors.js';
import { BOOLEAN, DOUBLE, INT, STRING, TIMESTAMP3, decimal, formatType, timestampLtz, withoutRowtime, type DataType } from '../../common/types.js';
import { FunctionArguments, expectCount, type BoundArgument } from './function-arguments.js';
import { ARRAY_FUNCTIONS, bindArrayFunction } from './array-functions.js';
import { STRING_FUNCTIONS, bindStringFunction } from './string-functions.js';
import type { Expression, FunctionCall } from '../../parser/ast.js';
import type { Expr, FunctionOp } from '../../dataflow/expr.js';
import { coerce, commonType } from './coercion.js';
import { COLLECTION_FUNCTIONS, bindCardinality, bindCollectionFunction } from './collections.js';
import { bindJsonQueryFunction } from './json-functions.js';
import { TIME_FUNCTIONS, bindTimeFunction, isTimeRounding } from './time-functions.js';

/** Every built-in scalar function this module binds (besides COALESCE, NULLIF, IF and PROCTIME in expressions.ts). */
export const BUILTIN_FUNCTIONS: readonly string[] = [
  'UPPER', 'LOWER', 'INITCAP', 'CHAR_LENGTH', 'CHARACTER_LENGTH', 'TRIM', 'LTRIM', 'RTRIM', 'SUBSTRING', 'SUBSTR',
  'REPLACE', 'CONCAT', 'CONCAT_WS', 'LPAD', 'RPAD', 'POSITION', 'ABS', 'MOD', 'POWER', 'POW', 'SQRT', 'EXP', 'LN',
  'SIN', 'COS', 'TAN', 'COT', 'ASIN', 'ACOS', 'ATAN', 'ATAN2', 'SINH', 'COSH', 'TANH', 'DEGREES', 'RADIANS', 'E',
 
  'LOG10', 'LOG2', 'CEIL', 'CEILING', 'FLOOR', 'ROUND', 'SIGN', 'PI', 'GREATEST', 'LEAST', 'NOW', 'CURRENT_TIMESTAMP',
  'LOCALTIMESTAMP', ...TIME_FUNCTIONS, ...COLLECTION_FUNCTIONS, 'REGEXP', 'REGEXP_EXTRACT', 'REGEXP_REPLACE', 'SPLIT_INDEX',
  'MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA2', 'HASH_CODE', 'TO_BASE64', 'FROM_BASE64', 'LOG', 'TRUNCATE',
  'RAND', 'RAND_INTEGER', 'REVERSE', 'REPEAT', 'LEFT', 'RIGHT', 'ASCII', 'CHR', 'JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS',
  'JSON_STRING', 'JSON_ARRAY', 'JSON_OBJECT', ...STRING_FUNCTIONS, ...ARRAY_FUNCTIONS,
];

const HASHES: Readonly<Record<string, string>> = { MD5: 'md5', SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

/** How the caller binds an argument (and, for MOD, a whole expression). */
export type BindExpression = (node: Expression) => Expr;

export function bindBuiltinFunction(name: string, node: FunctionCall, bind: BindExpression): Expr {
  const position = node.position;
  if (name === 'MOD') {
    expectCount(name, node.args.length, [2], position);
    return bind({ kind: 'binary', op: '%', left: node.args[0]!, right: node.args[1]!, position });
  }
  if (name === 'TRIM') return bindTrim(node, bind);
  if (name === 'JSON_ARRAY' || name === 'JSON_OBJECT') return bindJsonConstructor(name, node, bind);
  if (name === 'JSON_VALUE' || name === 'JSON_QUERY' || name === 'JSON_EXISTS') return bindJsonQueryFunction(name, node, bind);
  if (TIME_FUNCTIONS.includes(name) || ((name === 'FLOOR' || name === 'CEIL' || name === 'CEILING') && isTimeRounding(node))) {
    return bindTimeFunction(name, node, bind);
  }
  const args: BoundArgument[] = node.args.map((arg) => ({ expr: bind(arg), position: arg.position ?? position }));
  if (name === 'CARDINALITY') return bindCardinality(args.map((a) => a.expr), position);
  if (COLLECTION_FUNCTIONS.includes(name)) return bindCollectionFunction(name, args.map((a) => a.expr), position);
  const fn = new FunctionArguments(name, args, position);
  if (STRING_FUNCTIONS.includes(name)) return bindStringFunction(name, fn);
  if (ARRAY_FUNCTIONS.includes(name)) return bindArrayFunction(name, fn);
  switch (name) {
    case 'UPPER': return fn.call('upper', [fn.string(0)], STRING, [1]);
    case 'LOWER': return fn.call('lower', [fn.string(0)], STRING, [1]);
    case 'INITCAP': return fn.call('initcap', [fn.string(0)], STRING, [1]);
    case 'CHAR_LENGTH':
    case 'CHARACTER_LENGTH': return fn.call('char-length', [fn.string(0)], INT, [1]);
    case 'LTRIM': return fn.call('trim-leading', [space(), fn.string(0)], STRING, [1]);
    case 'RTRIM': return fn.call('trim-trailing', [space(), fn.string(0)], STRING, [1]);
    case 'SUBSTRING':
    case 'SUBSTR': {
      fn.count([2, 3]);
      const rest = args.length === 3 ? [fn.integer(1), fn.integer(2)] : [fn.integer(1)];
      return fn.call('substring', [fn.string(0), ...rest], STRING);
    }
    case 'REPLACE': return fn.call('replace', [fn.string(0), fn.string(1), fn.string(2)], STRING, [3]);
    case 'CONCAT': {
      if (args.length === 0) throw new PlanError("Function 'CONCAT' needs at least 1 argument", { position });
      const parts = args.map((_, i) => fn.string(i));
      return parts.slice(1).reduce<Expr>((acc, part) => ({ kind: 'call', op: 'concat', args: [acc, part], type: STRING }), parts[0]!);
    }
    case 'CONCAT_WS': {
      if (args.length < 2) throw new PlanError("Function 'CONCAT_WS' needs a separator and at least 1 string", { position });
      return fn.call('concat-ws', args.map((_, i) => fn.string(i)), STRING);
    }
    case 'LPAD': return fn.call('lpad', [fn.string(0), fn.integer(1), fn.string(2)], STRING, [3]);
    case 'RPAD': return fn.call('rpad', [fn.string(0), fn.integer(1), fn.string(2)], STRING, [3]);
    case 'POSITION': return fn.call('position', [fn.string(0), fn.string(1)], INT, [2]);
    case 'LIKE': // from `s LIKE pattern [ESCAPE c]` (expressions.ts), not callable by name
      fn.count([2, 3]);
      return fn.call('like', args.map((_, i) => fn.string(i)), BOOLEAN);
    case 'SIMILAR TO': // from `s SIMILAR TO pattern [ESCAPE c]`
      fn.count([2, 3]);
      return fn.call('similar', args.map((_, i) => fn.string(i)), BOOLEAN);
    case 'ABS': return fn.call('abs', [fn.numeric(0)], fn.numericType(0), [1]);
    case 'SIGN': return fn.call('sign', [fn.numeric(0)], fn.numericType(0), [1]);
    case 'POWER':
    case 'POW': return fn.call('power', [fn.double(0), fn.double(1)], DOUBLE, [2]);
    case 'SQRT': return fn.call('sqrt', [fn.double(0)], DOUBLE, [1]);
    case 'EXP': return fn.call('exp', [fn.double(0)], DOUBLE, [1]);
    case 'LN': return fn.call('ln', [fn.double(0)], DOUBLE, [1]);
    case 'LOG10': return fn.call('log10', [fn.double(0)], DOUBLE, [1]);
    case 'LOG2': return fn.call('log2', [fn.double(0)], DOUBLE, [1]);
    case 'PI': return fn.call('pi', [], DOUBLE, [0]);
    case 'E': return fn.call('e', [], DOUBLE, [0]);
    case 'SIN': case 'COS': case 'TAN': case 'COT': case 'ASIN': case 'ACOS': case 'ATAN': case 'SINH': case 'COSH': case 'TANH':
    case 'DEGREES': case 'RADIANS':
      return fn.call(name.toLowerCase() as FunctionOp, [fn.double(0)], DOUBLE, [1]);
    case 'ATAN2': return fn.call('atan2', [fn.double(0), fn.double(1)], DOUBLE, [2]);
    case 'LOG': {
      fn.count([1, 2]);
      return fn.call('log', args.map((_, i) => fn.double(i)), DOUBLE);
    }
    case 'TRUNCATE': {
      fn.count([1, 2]);
      const type = fn.numericType(0);
      const digits = args.length === 2 ? fn.integerLiteral(1) : 0;
      const result = type.kind === 'DECIMAL' ? decimal(type.precision, Math.max(0, Math.min(type.scale, digits))) : type;
      return fn.call('truncate', [fn.numeric(0), ...(args.length === 2 ? [fn.integer(1)] : [])], result);
    }
    case 'RAND': {
      fn.count([0, 1]);
      return fn.call('rand', args.length === 1 ? [fn.seed(0)] : [], DOUBLE);
    }
    case 'RAND_INTEGER': {
      fn.count([1, 2]);
      return fn.call('rand-integer', args.length === 2 ? [fn.seed(0), fn.integer(1)] : [fn.integer(0)], INT);
    }
    case 'REGEXP': return fn.call('regexp', [fn.string(0), fn.pattern(1)], BOOLEAN, [2]);
    case 'REGEXP_EXTRACT': {
      fn.count([2, 3]);
      return fn.call('regexp-extract', [fn.string(0), fn.pattern(1), ...(args.length === 3 ? [fn.integer(2)] : [])], STRING);
    }
    case 'REGEXP_REPLACE': return fn.call('regexp-replace', [fn.string(0), fn.pattern(1), fn.string(2)], STRING, [3]);
    case 'SPLIT_INDEX': return fn.call('split-index', [fn.string(0), fn.string(1), fn.integer(2)], STRING, [3]);
    case 'MD5': case 'SHA1': case 'SHA224': case 'SHA256': case 'SHA384': case 'SHA512':
      return fn.call('hash', [literal(HASHES[name]!), fn.string(0)], STRING, [1]);
    case 'SHA2': {
      fn.count([2]);
      const bits = fn.integerLiteral(1);
      if (![224, 256, 384, 512].includes(bits)) throw new PlanError(`Function 'SHA2' takes 224, 256, 384 or 512 bits, not ${bits}`, { position: args[1]!.position });
      return fn.call('hash', [literal(`sha${bits}`), fn.string(0)], STRING);
    }
    case 'HASH_CODE': return fn.call('hash-code', [fn.string(0)], INT, [1]);
    case 'TO_BASE64': return fn.call('to-base64', [fn.string(0)], STRING, [1]);
    case 'FROM_BASE64': return fn.call('from-base64', [fn.string(0)], STRING, [1]);
    case 'REVERSE': return fn.call('reverse', [fn.string(0)], STRING, [1]);
    case 'REPEAT': return fn.call('repeat', [fn.string(0), fn.integer(1)], STRING, [2]);
    case 'LEFT': return fn.call('left', [fn.string(0), fn.integer(1)], STRING, [2]);
    case 'RIGHT': return fn.call('right', [fn.string(0), fn.integer(1)], STRING, [2]);
    case 'ASCII': return fn.call('ascii', [fn.string(0)], INT, [1]);
    case 'CHR': return fn.call('chr', [fn.integer(0)], STRING, [1]);
    case 'JSON_STRING': return fn.call('json-string', [args[0]?.expr ?? fn.string(0)], STRING, [1]);
    // The instant when the row is evaluated, a TIMESTAMP_LTZ(3) as in Flink; LOCALTIMESTAMP is its wall clock in the
    // session time zone.
    case 'NOW':
    case 'CURRENT_TIMESTAMP': return fn.call('now', [], timestampLtz(3), [0]);
    case 'LOCALTIMESTAMP': return { kind: 'cast', arg: fn.call('now', [], timestampLtz(3), [0]), type: TIMESTAMP3 };
    case 'GREATEST':
    case 'LEAST': {
      if (args.length === 0) throw new PlanError(`Function '${name}' needs at least 1 argument`, { position });
      let type: DataType = args[0]!.expr.type;
      for (const arg of args.slice(1)) {
        const common = commonType(type, arg.expr.type);
        if (common === undefined) {
          throw new PlanError(`Function '${name}' cannot compare ${formatType(withoutRowtime(type))} with ${formatType(withoutRowtime(arg.expr.type))}`, { position: arg.position });
        }
        type = common;
      }
      type = withoutRowtime(type);
      return fn.call(name === 'GREATEST' ? 'greatest' : 'least', args.map((arg) => coerce(arg.expr, type)), type);
    }
    case 'CEIL':
    case 'CEILING':
    case 'FLOOR': {
      fn.count([1]);
      const type = fn.numericType(0);
      const result = type.kind === 'DECIMAL' ? decimal(type.precision, 0) : type;
      return fn.call(name === 'FLOOR' ? 'floor' : 'ceil', [fn.numeric(0)], result);
    }
    case 'ROUND': {
      fn.count([1, 2]);
      const type = fn.numericType(0);
      const digits = args.length === 2 ? fn.integerLiteral(1) : 0;
      const result = type.kind === 'DECIMAL' ? decimal(type.precision, Math.max(0, Math.min(type.scale, digits))) : type;
      const rest = args.length === 2 ? [fn.integer(1)] : [];
      return fn.call('round', [fn.numeric(0), ...rest], result);
    }
    default:
      throw new PlanError(`No function named '${node.name.name}'`, { position });
  }
}

/** TRIM(s), or TRIM([BOTH | LEADING | TRAILING] [chars] FROM s), which the parser hands over as (mode, chars, s). */
function bindTrim(node: FunctionCall, bind: BindExpression): Expr {
  if (node.args.length === 1 && node.args[0]!.kind !== 'symbol') {
    const only = node.args[0]!;
    const fn = new FunctionArguments('TRIM', [{ expr: bind(only), position: only.position ?? node.position }], node.position);
    return fn.call('trim-both', [space(), fn.string(0)], STRING);
  }
  const [mode, chars, text] = node.args;
  if (mode?.kind !== 'symbol' || chars === undefined || text === undefined) {
    throw new PlanError("Function 'TRIM' takes TRIM([BOTH | LEADING | TRAILING] [characters FROM] string)", { position: node.position });
  }
  const fn = new FunctionArguments('TRIM', [
    { expr: bind(chars), position: chars.position ?? node.position },
    { expr: bind(text), position: text.position ?? node.position },
  ], node.position);
  const op: FunctionOp = mode.name === 'LEADING' ? 'trim-leading' : mode.name === 'TRAILING' ? 'trim-trailing' : 'trim-both';
  return fn.call(op, [fn.string(0), fn.string(1)], STRING);
}

/**
 * JSON_ARRAY(mode, v…) and JSON_OBJECT(mode, k1, v1, …) as the parser hands them over (mode: NULL / ABSENT ON NULL).
 * The runtime gets (mode, raw, …) where `raw` marks values that are themselves JSON_OBJECT / JSON_ARRAY calls: Flink
 * inserts those as JSON, not as strings. Keys must be strings.
 */
function bindJsonConstructor(name: 'JSON_ARRAY' | 'JSON_OBJECT', node: FunctionCall, bind: BindExpression): Expr {
  const [mode, ...rest] = node.args;
  if (mode?.kind !== 'symbol') throw new PlanError(`Function '${name}' is missing its ON NULL mode`, { position: node.position });
  const args: BoundArgument[] = rest.map((arg) => ({ expr: bind(arg), position: arg.position ?? node.position }));
  const fn = new FunctionArguments(name, args, node.position);
  const isObject = name === 'JSON_OBJECT';
  const bound = args.map((arg, i) => (isObject && i % 2 === 0 ? fn.string(i) : arg.expr));
  const values = bound.filter((_, i) => !isObject || i % 2 === 1);
  const raw = values.map((v) => (v.kind === 'call' && (v.op === 'json-array' || v.op === 'json-object') ? '1' : '0')).join('');
  return fn.call(isObject ? 'json-object' : 'json-array', [literal(mode.name), literal(raw), ...bound], STRING);
}

function space(): Expr {
  return literal(' ');
}

function literal(text: string): Expr {
  return { kind: 'literal', value: text, type: STRING };
}
