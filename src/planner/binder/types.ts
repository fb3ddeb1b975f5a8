/**
 * SQL type names (in DDL and CAST) to DataTypes. TIMESTAMP without a precision means TIMESTAMP(3) here (Flink's
 * default is TIMESTAMP(6)): milliseconds are the fast representation (precisions 4–9 hold bigint nanoseconds, see
 * common/precise-timestamp.ts). TIME(p) keeps milliseconds whatever p, as Flink's TIME does.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import {
  BIGINT, BOOLEAN, SMALLINT, TINYINT, BYTES, DATE, DOUBLE, FLOAT, time, INT, MAX_DECIMAL_PRECISION, STRING, arrayType, decimal, mapType, rowType, timestamp, timestampLtz, type DataType,
} from '../../common/types.js';
import type { TypeName } from '../../parser/ast.js';

/** Flink types Sluice recognises but does not implement yet. */
const NOT_YET_SUPPORTED = new Set([
  'TIMESTAMP WITH TIME ZONE', 'INTERVAL', 'MULTISET', 'RAW',
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

/** CHAR(n), n = 1 when omitted: a CAST to it pads with spaces (and truncates); otherwise its values act as STRING. */
function resolveChar(type: TypeName): DataType {
  const varchar = resolveVarchar(type);
  return { kind: 'STRING', length: varchar.kind === 'STRING' && varchar.length !== undefined ? varchar.length : 1, fixed: true };
}

function resolveRow(type: TypeName): DataType {
  const fields = type.fields ?? [];
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.name.name)) throw new PlanError(`Duplicate field '${field.name.name}' in ROW type`, { position: field.name.position });
    seen.add(field.name.name);
  }
  return rowType(fields.map((field) => ({ name: field.name.name, type: resolveType(field.type) })));
}

function resolveMap(type: TypeName): DataType {
  const [keyName, valueName] = type.elements as readonly [TypeName, TypeName];
  const key = resolveType(keyName);
  if (key.kind === 'ROW' || key.kind === 'ARRAY' || key.kind === 'MAP') {
    throw new NotImplementedError(`MAP keys of type ${key.kind} are not supported; use a scalar key type`, { position: keyName.position });
  }
  return mapType(key, resolveType(valueName));
}

/** Resolves a type written in DDL or CAST. `NOT NULL` is accepted and ignored (nullability is informational). */
export function resolveType(type: TypeName): DataType {
  const name = type.name.toUpperCase();
  switch (name) {
    case 'BOOLEAN':
      expectParams(type, 0);
      return BOOLEAN;
    case 'TINYINT':
      expectParams(type, 0);
      return TINYINT;
    case 'SMALLINT':
      expectParams(type, 0);
      return SMALLINT;
    case 'INT':
    case 'INTEGER':
      expectParams(type, 0);
      return INT;
    case 'BIGINT':
      expectParams(type, 0);
      return BIGINT;
    case 'FLOAT':
    case 'REAL':
      expectParams(type, 0);
      return FLOAT;
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
      return resolveChar(type);
    case 'TIMESTAMP':
    case 'TIMESTAMP WITHOUT TIME ZONE':
      return resolveTimestamp(type);
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP WITH LOCAL TIME ZONE': {
      const resolved = resolveTimestamp(type);
      return timestampLtz(resolved.kind === 'TIMESTAMP' ? resolved.precision : 3);
    }
    case 'BYTES':
      expectParams(type, 0);
      return BYTES;
    case 'DATE':
      expectParams(type, 0);
      return DATE;
    case 'TIME':
    case 'TIME WITHOUT TIME ZONE': {
      expectParams(type, 1);
      const [precision = 0] = type.params;
      if (!Number.isInteger(precision) || precision < 0 || precision > 9) {
        throw new PlanError(`TIME precision must be between 0 and 9, got ${precision}`, { position: type.position });
      }
      return time(precision);
    }
    case 'BINARY':
    case 'VARBINARY': {
      // Fixed-length padding is not modelled: BINARY(n) behaves as VARBINARY(n), which behaves as BYTES.
      expectParams(type, 1);
      const [length] = type.params;
      if (length !== undefined && (!Number.isInteger(length) || length < 1)) {
        throw new PlanError(`${name} length must be a positive integer, got ${length}`, { position: type.position });
      }
      return length === undefined || name === 'BINARY' ? BYTES : { kind: 'BYTES', length };
    }
    case 'ROW':
      return resolveRow(type);
    case 'ARRAY':
      return arrayType(resolveType(type.elements![0]!));
    case 'MAP':
      return resolveMap(type);
    default:
      if (name === 'INTERVAL') {
        throw new NotImplementedError(
          "Interval types (INTERVAL YEAR TO MONTH, INTERVAL DAY TO SECOND …) are not supported yet as column or CAST types; interval values come from literals (INTERVAL '1' MONTH) and arithmetic",
          { position: type.position },
        );
      }
      if (NOT_YET_SUPPORTED.has(name)) {
        throw new NotImplementedError(`Type ${name} is not supported yet (coming with the type-system issue)`, {
          position: type.position,
        });
      }
      throw new PlanError(`Unknown type '${type.name}'`, { position: type.position });
  }
}
