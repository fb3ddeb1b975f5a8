/**
 * Exact decimal helpers. A DECIMAL(p, s) value is a bigint holding value × 10^s; these functions convert
 * between text and that representation and change scale. No binary floating point is involved.
 */

const TEN = 10n;

const POWERS: bigint[] = [];

/** 10^n, cached for the exponents DECIMAL arithmetic uses. */
export function pow10(n: number): bigint {
  if (n >= 0 && n < 80) return (POWERS[n] ??= TEN ** BigInt(n));
  return TEN ** BigInt(n);
}

/** Parses decimal text (`-12.5`, `3`, `1e3`, `.5`) to an unscaled bigint at `scale`, rounding HALF_UP. Returns undefined if not a number. */
export function parseDecimal(text: string, scale: number): bigint | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, sign, intPart = '', fracPart = '', expPart] = match;
  if (intPart === '' && fracPart === '') return undefined;
  const digits = BigInt((intPart + fracPart) || '0');
  // value = digits × 10^(exp − fracLen); we want value × 10^scale
  const shift = (expPart ? Number(expPart) : 0) - fracPart.length + scale;
  const unscaled = shift >= 0 ? digits * pow10(shift) : divideRoundHalfUp(digits, pow10(-shift));
  return sign === '-' ? -unscaled : unscaled;
}

/** Formats an unscaled value with exactly `scale` fraction digits: (1100n, 2) → "11.00". */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  return (negative ? '-' : '') + text;
}

/** Changes the scale of an unscaled value, rounding HALF_UP when digits are dropped. */
export function rescale(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return unscaled;
  if (toScale > fromScale) return unscaled * pow10(toScale - fromScale);
  return divideRoundHalfUp(unscaled, pow10(fromScale - toScale));
}

/** Integer division rounding half away from zero (SQL's and Flink's HALF_UP). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** Number of decimal digits of |unscaled| (0 has 1 digit). */
export function digitCount(unscaled: bigint): number {
  return (unscaled < 0n ? -unscaled : unscaled).toString().length;
}

/** True if the unscaled value fits DECIMAL(precision, ·): |unscaled| < 10^precision (no string conversion). */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  const limit = pow10(precision);
  return unscaled < limit && unscaled > -limit;
}

/** Converts an unscaled decimal to the nearest double (for CAST to DOUBLE, AVG over DOUBLE). */
export function decimalToNumber(unscaled: bigint, scale: number): number {
  return Number(formatDecimal(unscaled, scale));
}
