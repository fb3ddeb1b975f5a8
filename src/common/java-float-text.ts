/**
 * Java's `Float.toString` as Flink's JVM (Java 11/17) prints it, so FLOAT results compare equal across the two engines.
 *
 * Before Java 19 `Float.toString` is not always the shortest text that reads back as the same float: a float that
 * is an integer below 2^62 prints its exact digits with only the digits below its precision rounded away
 * (`2.5E10f` prints as `2.49999995E10`), and in scientific form the digit loop always produces a second digit. This
 * module reproduces that algorithm (the JDK's `FloatingDecimal.dtoa` for floats: exact integers, then the
 * Steele & White free-format digit loop) with exact BigInt arithmetic.
 */

/** Decimal digits to drop from an exact integer with `p2` binary digits below its precision (the JDK's table). */
const INSIGNIFICANT_DIGITS = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7,
  8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14,
  15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
];

const FLOAT_BITS = new DataView(new ArrayBuffer(4));

/** Digits (no leading zeros) and the exponent `e` such that the value is 0.digits × 10^e. */
interface DecimalDigits {
  readonly digits: string;
  readonly exponent: number;
}

/** The text Java's `Float.toString` gives for `value` (a float32 value held in a double). */
export function javaFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const { digits, exponent } = floatDigits(Math.abs(value));
  return (value < 0 ? '-' : '') + layout(digits, exponent);
}

function floatDigits(magnitude: number): DecimalDigits {
  FLOAT_BITS.setFloat32(0, magnitude);
  const bits = FLOAT_BITS.getUint32(0);
  let fraction = bits & 0x7fffff;
  let binExp = (bits >>> 23) & 0xff;
  let significantBits: number;
  if (binExp === 0) {
    const leadingZeros = Math.clz32(fraction);
    const shift = leadingZeros - 8;
    fraction <<= shift;
    binExp = 1 - shift;
    significantBits = 32 - leadingZeros;
  } else {
    fraction |= 0x800000;
    significantBits = 24;
  }
  binExp -= 127;
  // fraction holds 1.xxx in 24 bits (bit 23 is the leading one); value = fraction × 2^(binExp − 23).
  const tailZeros = countTrailingZeros(fraction);
  const fractBits = 24 - tailZeros; // significant bits up to the last one
  const tinyBits = Math.max(0, fractBits - binExp - 1); // bits after the binary point
  const mantissa = BigInt(fraction >>> tailZeros); // value = mantissa × 2^(binExp − fractBits + 1)
  if (tinyBits === 0 && binExp <= 62) {
    const insignificant = binExp > significantBits ? (INSIGNIFICANT_DIGITS[binExp - significantBits - 1] ?? 0) : 0;
    return integerDigits(mantissa << BigInt(binExp - fractBits + 1), insignificant);
  }
  return freeFormatDigits(mantissa, binExp, fractBits, tinyBits, significantBits);
}

function countTrailingZeros(n: number): number {
  return 31 - Math.clz32(n & -n);
}

/** An exact integer's digits, the lowest `insignificant` of them rounded away (half up), trailing zeros dropped. */
function integerDigits(value: bigint, insignificant: number): DecimalDigits {
  let rest = value;
  let exponent = 0;
  if (insignificant > 0) {
    const unit = 10n ** BigInt(insignificant);
    const residue = rest % unit;
    rest /= unit;
    exponent += insignificant;
    if (residue * 2n >= unit) rest++;
  }
  let digits = rest.toString();
  const length = digits.length;
  digits = digits.replace(/0+$/, '');
  return { digits, exponent: exponent + length };
}

/** Bits of 5^i as the JDK's table counts them (0 for 5^0). */
function fivePowBits(i: number): number {
  return i === 0 ? 0 : i < 27 ? (5n ** BigInt(i)).toString(2).length : i * 3;
}

/** The JDK's estimate of floor(log10(value)) from the leading bits (`FloatingDecimal.estimateDecExp`). */
function estimateDecExp(leading: number, binExp: number): number {
  return Math.floor((leading - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981);
}

/**
 * The digit loop: value b/s, half an ulp m/s (half of that below a power of two), one digit at a time until the
 * remainder is within m of either end; then the last digit is rounded (ties to an even digit). Like the JDK, the
 * arithmetic is done in 32-bit or 64-bit integers when the operands' sizes allow, overflow included (it makes Java
 * print e.g. 4.7211323E25 for the float nearest 4.72113239…E25).
 */
function freeFormatDigits(mantissa: bigint, binExp: number, fractBits: number, tinyBits: number, significantBits: number): DecimalDigits {
  const leading = Number(mantissa) / 2 ** (fractBits - 1);
  let decExp = estimateDecExp(leading, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + tinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + tinyBits;
  const M5 = B5;
  let M2 = B2 - significantBits;
  B2 -= fractBits - 1;
  const common = Math.min(B2, S2);
  B2 -= common; S2 -= common; M2 -= common;
  if (fractBits === 1) M2 -= 1;
  if (M2 < 0) { B2 -= M2; S2 -= M2; M2 = 0; }
  const bBits = fractBits + B2 + fivePowBits(B5);
  const tenSBits = S2 + 1 + fivePowBits(S5 + 1);
  const width = bBits < 32 && tenSBits < 32 ? 32 : bBits < 64 && tenSBits < 64 ? 64 : 0;
  const w = (x: bigint): bigint => (width === 0 ? x : BigInt.asIntN(width, x));
  let b = w(w(mantissa * 5n ** BigInt(B5)) << BigInt(B2));
  const s = w(w(5n ** BigInt(S5)) << BigInt(S2));
  let m = w(w(5n ** BigInt(M5)) << BigInt(M2));
  const tens = w(s * 10n);
  const isHigh = (): boolean => (width === 0 ? b + m >= tens : w(b + m) > tens);
  const digits: number[] = [];
  let q = Number(b / s);
  b = w(10n * (b % s));
  m = w(m * 10n);
  let low = b < m;
  let high = isHigh();
  if (q === 0 && !high) decExp--;
  else digits.push(q);
  if (decExp < -3 || decExp >= 8) { low = false; high = false; } // scientific form: at least two digits
  while (!low && !high) {
    q = Number(b / s);
    b = w(10n * (b % s));
    m = w(m * 10n);
    if (m > 0n) {
      low = b < m;
      high = isHigh();
    } else {
      low = true;
      high = true;
    }
    digits.push(q);
  }
  let exponent = decExp + 1;
  const difference = w(w(b << 1n) - tens);
  if (high && (!low || difference > 0n || (difference === 0n && (digits[digits.length - 1]! & 1) !== 0))) {
    exponent += roundUp(digits);
  }
  return { digits: digits.join(''), exponent };
}

/** Adds one to the last digit, carrying; returns 1 when the carry adds a digit in front (999 → 100). */
function roundUp(digits: number[]): number {
  let i = digits.length - 1;
  while (i > 0 && digits[i] === 9) { digits[i] = 0; i--; }
  if (digits[i] === 9) { digits[i] = 1; return 1; }
  digits[i]! += 1;
  return 0;
}

/** Java's layout: plain within [1e-3, 1e7), else `d.dddE±n`; always a fraction digit. */
function layout(digits: string, exponent: number): string {
  if (exponent > 0 && exponent < 8) {
    const whole = digits.slice(0, exponent).padEnd(exponent, '0');
    const fraction = digits.slice(exponent);
    return `${whole}.${fraction === '' ? '0' : fraction}`;
  }
  if (exponent <= 0 && exponent > -3) return `0.${'0'.repeat(-exponent)}${digits}`;
  const fraction = digits.slice(1);
  return `${digits[0]}.${fraction === '' ? '0' : fraction}E${exponent - 1}`;
}
