/**
 * Binding Flink's string functions beyond the SQL standard (evaluated by runtime/expr/string-functions.ts and
 * url-functions.ts), and the niladic CURRENT_DATABASE() and CURRENT_ROW_TIMESTAMP().
 */
import { InternalError } from '../../common/errors.js';
import { BOOLEAN, BYTES, INT, STRING, arrayType, mapType, timestampLtz, type DataType } from '../../common/types.js';
import { coerce } from './coercion.js';
import type { Expr } from '../../dataflow/expr.js';
import type { FunctionArguments } from './function-arguments.js';

export const STRING_FUNCTIONS: readonly string[] = [
  'BIN', 'HEX', 'LOCATE', 'INSTR', 'STR_TO_MAP', 'SPLIT', 'PARSE_URL', 'IS_ALPHA', 'IS_DECIMAL', 'IS_DIGIT', 'ENCODE', 'DECODE',
  'CONVERT_TZ', 'UUID', 'CURRENT_DATABASE', 'CURRENT_ROW_TIMESTAMP', 'OVERLAY',
];

/** Sluice has one catalog and one database, named as Flink's defaults. */
const DATABASE = 'default_database';

export function bindStringFunction(name: string, fn: FunctionArguments): Expr {
  switch (name) {
    case 'BIN': return fn.call('bin', [integral(fn, 0)], STRING, [1]);
    case 'HEX': {
      fn.count([1]);
      const kind = fn.arg(0).expr.type.kind;
      return fn.call('hex', [kind === 'STRING' || kind === 'NULL' ? fn.string(0) : integral(fn, 0)], STRING);
    }
    case 'LOCATE': {
      fn.count([2, 3]);
      return fn.call('locate', [fn.string(0), fn.string(1), ...(fn.length === 3 ? [fn.integer(2)] : [])], INT);
    }
    case 'INSTR': return fn.call('locate', [fn.string(1), fn.string(0)], INT, [2]);
    case 'STR_TO_MAP': {
      fn.count([1, 3]);
      return fn.call('str-to-map', Array.from({ length: fn.length }, (_, i) => fn.string(i)), mapType(STRING, STRING));
    }
    case 'SPLIT': return fn.call('split', [fn.string(0), fn.string(1)], arrayType(STRING), [2]);
    case 'PARSE_URL': {
      fn.count([2, 3]);
      return fn.call('parse-url', Array.from({ length: fn.length }, (_, i) => fn.string(i)), STRING);
    }
    // of a STRING or a number (IS_DIGIT of any integer and IS_DECIMAL of any number are TRUE, IS_ALPHA of one FALSE)
    case 'IS_ALPHA': return fn.call('is-alpha', [stringOrNumber(fn, 0)], BOOLEAN, [1]);
    case 'IS_DECIMAL': return fn.call('is-decimal', [stringOrNumber(fn, 0)], BOOLEAN, [1]);
    case 'IS_DIGIT': return fn.call('is-digit', [stringOrNumber(fn, 0)], BOOLEAN, [1]);
    case 'ENCODE': return fn.call('encode', [fn.string(0), fn.string(1)], BYTES, [2]);
    case 'DECODE': {
      fn.count([2]);
      const { expr } = fn.arg(0);
      if (expr.type.kind !== 'BYTES' && expr.type.kind !== 'NULL') throw fn.wrong(0, 'BYTES');
      return fn.call('decode', [coerce(expr, BYTES), fn.string(1)], STRING);
    }
    case 'CONVERT_TZ': return fn.call('convert-tz', [fn.string(0), fn.string(1), fn.string(2)], STRING, [3]);
    // OVERLAY(s PLACING r FROM position [FOR length]), which the parser hands over as (s, r, position[, length])
    case 'OVERLAY': {
      fn.count([3, 4]);
      return fn.call('overlay', [fn.string(0), fn.string(1), fn.integer(2), ...(fn.length === 4 ? [fn.integer(3)] : [])], STRING);
    }
    case 'UUID': return fn.call('uuid', [], STRING, [0]);
    case 'CURRENT_DATABASE':
      fn.count([0]);
      return { kind: 'literal', value: DATABASE, type: STRING };
    // the instant the row is evaluated, as NOW() (Flink evaluates both per row in streaming mode)
    case 'CURRENT_ROW_TIMESTAMP': return fn.call('now', [], timestampLtz(3), [0]);
    default: throw new InternalError(`'${name}' is not a string function`);
  }
}

const INTEGRAL: ReadonlySet<DataType['kind']> = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']);
const NUMERIC: ReadonlySet<DataType['kind']> = new Set([...INTEGRAL, 'FLOAT', 'DOUBLE', 'DECIMAL']);

function stringOrNumber(fn: FunctionArguments, index: number): Expr {
  const { expr } = fn.arg(index);
  if (expr.type.kind === 'STRING' || NUMERIC.has(expr.type.kind)) return expr;
  if (expr.type.kind === 'NULL') return coerce(expr, STRING);
  throw fn.wrong(index, 'a STRING or a number');
}

/** An integer of any width (BIN and HEX read it as a 64-bit two's complement). */
function integral(fn: FunctionArguments, index: number): Expr {
  const { expr } = fn.arg(index);
  if (INTEGRAL.has(expr.type.kind)) return expr;
  if (expr.type.kind === 'NULL') return coerce(expr, INT);
  throw fn.wrong(index, 'an integer');
}
