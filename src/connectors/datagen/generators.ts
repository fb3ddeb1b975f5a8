/** Value generators of the datagen source: one function per field producing the value of row `index`. */
import { pow10 } from '../../common/decimal.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { FieldGeneratorSpec } from './options.js';
import type { SeededRandom } from './random.js';
import { millisToNanos } from '../../common/precise-timestamp.js';

export type ValueGenerator = (index: number) => Value;

const HEX = '0123456789abcdef';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/** Rows a sequence generator can produce (end − start + 1). */
export function sequenceLength(spec: FieldGeneratorSpec): bigint | undefined {
  return spec.kind === 'sequence' ? spec.end - spec.start + 1n : undefined;
}

export function createGenerator(spec: FieldGeneratorSpec, type: DataType, random: SeededRandom, now: () => number): ValueGenerator {
  if (spec.kind === 'sequence') return sequenceGenerator(spec.start, type);
  const generate = randomGenerator(spec, type, random, now);
  if (spec.nullRate <= 0) return generate;
  return (index) => (random.nextDouble() < spec.nullRate ? null : generate(index));
}

/** Java's Float.MIN_VALUE and Float.MAX_VALUE (Flink's datagen default bounds for FLOAT). */
const FLOAT_MIN_VALUE = 2 ** -149;
const FLOAT_MAX_VALUE = (2 - 2 ** -23) * 2 ** 127;

function sequenceGenerator(start: bigint, type: DataType): ValueGenerator {
  switch (type.kind) {
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'DOUBLE': return (index) => Number(start) + index;
    case 'FLOAT': return (index) => Math.fround(Number(start) + index);
    case 'BIGINT': return (index) => start + BigInt(index);
    case 'DECIMAL': { const factor = pow10(type.scale); return (index) => (start + BigInt(index)) * factor; }
    default: return (index) => (start + BigInt(index)).toString();
  }
}

function randomGenerator(spec: Extract<FieldGeneratorSpec, { kind: 'random' }>, type: DataType, random: SeededRandom, now: () => number): ValueGenerator {
  switch (type.kind) {
    case 'BOOLEAN': return () => random.nextUint32() % 2 === 0;
    case 'TINYINT': case 'SMALLINT': case 'INT': {
      const limit = type.kind === 'TINYINT' ? 128 : type.kind === 'SMALLINT' ? 32768 : -INT_MIN;
      const min = (spec.min as number | undefined) ?? -limit;
      const max = (spec.max as number | undefined) ?? limit - 1;
      return () => random.nextInteger(min, max);
    }
    case 'BIGINT': {
      const min = (spec.min as bigint | undefined) ?? BIGINT_MIN;
      const max = (spec.max as bigint | undefined) ?? BIGINT_MAX;
      return () => random.nextBigint(min, max);
    }
    case 'DOUBLE': {
      const min = (spec.min as number | undefined) ?? Number.MIN_VALUE;
      const max = (spec.max as number | undefined) ?? Number.MAX_VALUE;
      return () => min + random.nextDouble() * (max - min);
    }
    case 'FLOAT': {
      const min = (spec.min as number | undefined) ?? FLOAT_MIN_VALUE;
      const max = (spec.max as number | undefined) ?? FLOAT_MAX_VALUE;
      return () => Math.fround(min + random.nextDouble() * (max - min));
    }
    case 'DECIMAL': {
      const limit = pow10(type.precision) - 1n;
      const min = (spec.min as bigint | undefined) ?? -limit;
      const max = (spec.max as bigint | undefined) ?? limit;
      return () => random.nextBigint(min, max);
    }
    case 'STRING': return () => {
      let text = '';
      for (let i = 0; i < spec.length; i++) text += HEX[random.nextUint32() & 15];
      return text;
    };
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': {
      const millis = (): number => now() - (spec.maxPastMillis > 0 ? random.nextInteger(0, spec.maxPastMillis) : 0);
      return type.precision > 3 ? () => millisToNanos(millis()) : millis; // precise timestamps: bigint nanoseconds
    }
    case 'INTERVAL': return () => random.nextInteger(0, 86_400_000);
    case 'INTERVAL_YEAR_MONTH': return () => random.nextInteger(0, 1200); // up to 100 years of months
    case 'DATE': return () => Math.floor((now() - (spec.maxPastMillis > 0 ? random.nextInteger(0, spec.maxPastMillis) : 0)) / 86_400_000);
    case 'TIME': {
      const unit = 10 ** (3 - Math.min(type.precision, 3));
      return () => {
        const millis = random.nextInteger(0, 86_399_999);
        return millis - (millis % unit);
      };
    }
    case 'NULL': return () => null;
    case 'BYTES': return () => {
      const bytes = new Uint8Array(spec.length);
      for (let i = 0; i < spec.length; i++) bytes[i] = random.nextUint32() & 255;
      return bytes;
    };
    // Nested fields get random values with the default options; ARRAY and MAP take `length` elements.
    case 'ROW': {
      const fields = type.fields.map((f) => randomGenerator(nestedSpec(spec), f.type, random, now));
      return (index) => Object.freeze(fields.map((generate) => generate(index)));
    }
    case 'ARRAY': {
      const element = randomGenerator(nestedSpec(spec), type.element, random, now);
      return (index) => Object.freeze(Array.from({ length: spec.length }, () => element(index)));
    }
    case 'MAP': {
      const key = randomGenerator(nestedSpec(spec), type.key, random, now);
      const value = randomGenerator(nestedSpec(spec), type.value, random, now);
      return (index) => {
        const map = new Map<Value, Value>();
        for (let i = 0; i < spec.length; i++) map.set(key(index), value(index));
        return map;
      };
    }
  }
}

/** The options of a nested field's values: the defaults, with the field's `length` for strings and collections. */
function nestedSpec(spec: Extract<FieldGeneratorSpec, { kind: 'random' }>): Extract<FieldGeneratorSpec, { kind: 'random' }> {
  return { ...spec, min: undefined, max: undefined, nullRate: 0 };
}

