/**
 * SQL type names (in DDL and CAST) to DataTypes. Sluice stores timestamps in milliseconds, so TIMESTAMP without a
 * precision means TIMESTAMP(3) here (Flink's default is TIMESTAMP(6)); precisions 4–9 are not supported yet.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import {
  BIGINT, BOOLEAN, DOUBLE, INT, MAX_DECIMAL_PRECISION, STRING, decimal, timestamp, type DataType,
} from '../../common/types.js';
import type { TypeName } from '../../parser/ast.js';

/** Flink types Sluice recognises but does not implement yet. */
const NOT_YET_SUPPORTED = new Set([
  'TINYINT', 'SMALLINT', 'FLOAT', 'REAL', 'DATE', 'TIME', 'BYTES', 'BINARY', 'VARBINARY', 'TIMESTAMP_LTZ',
  'TIMESTAMP WITH LOCAL TIME ZONE', 'TIMESTAMP WITH TIME ZONE', 'INTERVAL', 'ARRAY', 'MAP', 'MULTISET', 'ROW', 'RAW',
]);

function expectParams(type: TypeName, max: number): void {
  if (type.params.length > max) {
    const detail = max === 0
      ? `Type ${type.name} takes no parameters`
      : `Type ${type.name} takes at most ${max} parameter${max === 1 ? '' : 's'}`;
    throw new PlanError(detail, { position: type.position });
  }
}

function resolveDecimal(type: TypeName): DataType {
  expectParams(type, 2);
  const [precision = 10, scale = 0] = type.params;
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_DECIMAL_PRECISION) {
    throw new PlanError(`DECIMAL precision must be between 1 and ${MAX_DECIMAL_PRECISION}, got ${precision}`, {
      position: type.position,
    });
  }
  if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
    throw new PlanError(`DECIMAL scale must be between 0 and the precision (${precision}), got ${scale}`, {
      position: type.position,
    });
  }
  return decimal(precision, scale);
}

function resolveTimestamp(type: TypeName): DataType {
  expectParams(type, 1);
  const [precision = 3] = type.params;
  if (!Number.isInteger(precision) || precision < 0 || precision > 9) {
    throw new PlanError(`TIMESTAMP precision must be between 0 and 9, got ${precision}`, { position: type.position });
  }
  if (precision > 3) {
    throw new NotImplementedError(`TIMESTAMP(${precision}) is not supported yet; use TIMESTAMP(3)`, {
      position: type.position,
    });
  }
  return timestamp(precision);
}

function resolveVarchar(type: TypeName): DataType {
  expectParams(type, 1);
  const [length] = type.params;
  if (length === undefined) return STRING;
  if (!Number.isInteger(length) || length < 1) {
    throw new PlanError(`${type.name} length must be a positive integer, got ${length}`, { position: type.position });
  }
  return { kind: 'STRING', length };
}

/** Resolves a type written in DDL or CAST. `NOT NULL` is accepted and ignored (nullability is informational). */
export function resolveType(type: TypeName): DataType {
  const name = type.name.toUpperCase();
  switch (name) {
    case 'BOOLEAN':
      expectParams(type, 0);
      return BOOLEAN;
    case 'INT':
    case 'INTEGER':
      expectParams(type, 0);
      return INT;
    case 'BIGINT':
      expectParams(type, 0);
      return BIGINT;
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
      expectParams(type, 0);
      return DOUBLE;
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      return resolveDecimal(type);
    case 'STRING':
      expectParams(type, 0);
      return STRING;
    case 'VARCHAR':
      return resolveVarchar(type);
    case 'CHAR':
    case 'CHARACTER':
      // Blank padding is not modelled: CHAR(n) behaves as STRING.
      expectParams(type, 1);
      return STRING;
    case 'TIMESTAMP':
    case 'TIMESTAMP WITHOUT TIME ZONE':
      return resolveTimestamp(type);
    default:
      if (NOT_YET_SUPPORTED.has(name)) {
        throw new NotImplementedError(`Type ${name} is not supported yet (coming with the type-system issue)`, {
          position: type.position,
        });
      }
      throw new PlanError(`Unknown type '${type.name}'`, { position: type.position });
  }
}
