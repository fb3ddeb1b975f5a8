/**
 * The result types Flink 1.20 derives for the fuzzer's expressions, so that each sink column is declared with the
 * type of the value written into it (Flink's `LogicalTypeMerging` rules for DECIMAL; INT / INT stays INT).
 */
import type { FuzzColumn } from './schema-and-data.js';

export type ColumnType = FuzzColumn['type'];

const MAX_PRECISION = 38;
const MIN_ADJUSTED_SCALE = 6;

interface Decimal {
  readonly precision: number;
  readonly scale: number;
}

export function decimalOf(type: string): Decimal | undefined {
  const match = /^DECIMAL\((\d+), (\d+)\)$/.exec(type);
  return match ? { precision: Number(match[1]), scale: Number(match[2]) } : undefined;
}

export function isIntegral(type: string): boolean {
  return type === 'INT' || type === 'BIGINT';
}

/** Flink keeps the integral digits and gives up scale (down to 6) when a result would pass 38 digits. */
function adjusted(precision: number, scale: number): string {
  if (precision <= MAX_PRECISION) return `DECIMAL(${precision}, ${scale})`;
  const integralDigits = precision - scale;
  const newScale = Math.max(MAX_PRECISION - integralDigits, Math.min(scale, MIN_ADJUSTED_SCALE));
  return `DECIMAL(${MAX_PRECISION}, ${newScale})`;
}

/** SUM widens a DECIMAL to precision 38; other types keep theirs. */
export function sumType(type: string): string {
  const decimal = decimalOf(type);
  return decimal ? `DECIMAL(38, ${decimal.scale})` : type;
}

/** AVG of a DECIMAL has precision 38 and a scale of at least 6; AVG of an integer stays an integer. */
export function avgType(type: string): string {
  const decimal = decimalOf(type);
  return decimal ? `DECIMAL(38, ${Math.max(6, decimal.scale)})` : type;
}

/** An INT literal meets a DECIMAL as DECIMAL(10, 0). */
const INT_AS_DECIMAL: Decimal = { precision: 10, scale: 0 };

/** `value <op> <INT literal>` for + - * / (the literal never zero). */
export function arithmeticWithIntLiteralType(type: string, op: '+' | '-' | '*' | '/'): string {
  const decimal = decimalOf(type);
  if (!decimal) return type;
  const other = INT_AS_DECIMAL;
  switch (op) {
    case '+':
    case '-': {
      const scale = Math.max(decimal.scale, other.scale);
      return adjusted(Math.max(decimal.precision - decimal.scale, other.precision - other.scale) + scale + 1, scale);
    }
    case '*': return adjusted(decimal.precision + other.precision, decimal.scale + other.scale);
    default: {
      const scale = Math.max(MIN_ADJUSTED_SCALE, decimal.scale + other.precision + 1);
      return adjusted(decimal.precision - decimal.scale + other.scale + scale, scale);
    }
  }
}
