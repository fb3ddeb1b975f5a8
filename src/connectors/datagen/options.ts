/**
 * Options of the `datagen` source (Flink's names): `number-of-rows` (bounded if set), `rows-per-second`
 * (default 10000), and per field `fields.<f>.kind` = `random` (default: `min`/`max` for numbers, `length` for
 * strings (default 10), `max-past` for timestamps, `null-rate`) or `sequence` (`start`/`end`, bounding the source).
 * Sluice extension: `seed` (an integer) makes random values reproducible.
 */
import { parseDecimal, pow10 } from '../../common/decimal.js';
import { formatType, type DataType } from '../../common/types.js';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import { ConnectorOptions, SOURCE_OPTION_KEYS, sourceIdleTimeout } from '../options.js';
import { didYouMean } from '../suggest.js';

export type FieldGeneratorSpec =
  | { readonly kind: 'sequence'; readonly start: bigint; readonly end: bigint }
  | {
      readonly kind: 'random';
      /** Bounds for numbers: unscaled at the DECIMAL scale, integers for INT/BIGINT, plain for DOUBLE. */
      readonly min: number | bigint | undefined;
      readonly max: number | bigint | undefined;
      readonly length: number;
      readonly maxPastMillis: number;
      readonly nullRate: number;
    };

export interface DatagenOptions {
  readonly numberOfRows: number | undefined;
  readonly rowsPerSecond: number;
  readonly seed: number | undefined;
  /** One spec per schema field, in order. */
  readonly fields: readonly FieldGeneratorSpec[];
}

const TOP_LEVEL_KEYS = ['number-of-rows', 'rows-per-second', 'seed'] as const;
const SEQUENCE_KEYS = ['kind', 'start', 'end'];
const RANDOM_KEYS = ['kind', 'min', 'max', 'length', 'max-past', 'null-rate'];
const SEQUENCE_TYPES = new Set(['INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'STRING']);

/** Which random options apply to a type. */
function randomKeysFor(type: DataType): string[] {
  switch (type.kind) {
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': case 'FLOAT': case 'DOUBLE': case 'DECIMAL': return ['kind', 'min', 'max', 'null-rate'];
    case 'STRING': case 'BYTES': case 'ARRAY': case 'MAP': case 'ROW': return ['kind', 'length', 'null-rate'];
    case 'TIMESTAMP': case 'TIMESTAMP_LTZ': case 'DATE': return ['kind', 'max-past', 'null-rate'];
    default: return ['kind', 'null-rate'];
  }
}

export function readDatagenOptions(descriptor: ConnectorDescriptor): DatagenOptions {
  const options = new ConnectorOptions(descriptor);
  const fieldNames = descriptor.schema.fields.map((f) => f.name);
  sourceIdleTimeout(descriptor);
  for (const key of options.keys()) {
    if (key === 'connector' || (TOP_LEVEL_KEYS as readonly string[]).includes(key) || SOURCE_OPTION_KEYS.includes(key)) continue;
    const match = /^fields\.(.+)\.([^.]+)$/.exec(key);
    if (!match) {
      const hint = didYouMean(key, TOP_LEVEL_KEYS) ?? `supported options: ${TOP_LEVEL_KEYS.join(', ')}, fields.<field>.<option>`;
      throw options.error(`unsupported option '${key}' for connector 'datagen'`, hint);
    }
    const [, name = '', option = ''] = match;
    if (!fieldNames.includes(name)) throw options.error(`option '${key}' refers to unknown field '${name}'`, didYouMean(name, fieldNames));
    if (!RANDOM_KEYS.includes(option) && !SEQUENCE_KEYS.includes(option)) {
      throw options.error(`unsupported option '${key}' for connector 'datagen'`, didYouMean(option, [...new Set([...RANDOM_KEYS, ...SEQUENCE_KEYS])]));
    }
  }
  const fields = descriptor.schema.fields.map((f) => readFieldSpec(options, f.name, f.type));
  return {
    numberOfRows: options.integer('number-of-rows', { min: 0 }),
    rowsPerSecond: positiveRate(options),
    seed: options.integer('seed'),
    fields,
  };
}

function positiveRate(options: ConnectorOptions): number {
  const rate = options.number('rows-per-second') ?? 10_000;
  if (rate <= 0) throw options.error(`option 'rows-per-second' must be positive, got ${rate}`);
  return rate;
}

function readFieldSpec(options: ConnectorOptions, name: string, type: DataType): FieldGeneratorSpec {
  const prefix = `fields.${name}.`;
  const kind = options.choice(`${prefix}kind`, ['random', 'sequence'] as const, 'random')!;
  const given = options.keys().filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const allowed = kind === 'sequence' ? SEQUENCE_KEYS : randomKeysFor(type);
  for (const option of given) {
    if (!allowed.includes(option)) {
      throw options.error(`option '${prefix}${option}' does not apply to a ${kind} generator of type ${formatType(type)} (field '${name}')`);
    }
  }
  if (kind === 'sequence') {
    if (!SEQUENCE_TYPES.has(type.kind)) throw options.error(`field '${name}' of type ${formatType(type)} cannot have a sequence generator`);
    const start = integerOption(options, `${prefix}start`, true)!;
    const end = integerOption(options, `${prefix}end`, true)!;
    if (type.kind === 'INT' && (start < -2147483648n || end > 2147483647n)) throw options.error(`sequence of field '${name}' does not fit INT`);
    if (start > end) throw options.error(`option '${prefix}start' (${start}) must not be greater than '${prefix}end' (${end})`);
    return { kind, start, end };
  }
  const nullRate = options.number(`${prefix}null-rate`) ?? 0;
  if (nullRate < 0 || nullRate > 1) throw options.error(`option '${prefix}null-rate' must be between 0 and 1, got ${nullRate}`);
  const min = boundOption(options, `${prefix}min`, type);
  const max = boundOption(options, `${prefix}max`, type);
  if (min !== undefined && max !== undefined && min > max) throw options.error(`option '${prefix}min' must not be greater than '${prefix}max'`);
  return {
    kind,
    min,
    max,
    length: options.integer(`${prefix}length`, { min: 0 }) ?? 10,
    maxPastMillis: options.duration(`${prefix}max-past`) ?? 0,
    nullRate,
  };
}

function integerOption(options: ConnectorOptions, key: string, required: boolean): bigint | undefined {
  const text = required ? options.required(key) : options.optional(key);
  if (text === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw options.error(`option '${key}' must be an integer, got '${text}'`);
  return BigInt(text.trim());
}

function boundOption(options: ConnectorOptions, key: string, type: DataType): number | bigint | undefined {
  switch (type.kind) {
    case 'TINYINT': return options.integer(key, { min: -128, max: 127 });
    case 'SMALLINT': return options.integer(key, { min: -32768, max: 32767 });
    case 'INT': {
      const value = options.integer(key, { min: -2147483648, max: 2147483647 });
      return value;
    }
    case 'BIGINT': return integerOption(options, key, false);
    case 'FLOAT': case 'DOUBLE': return options.number(key);
    case 'DECIMAL': {
      const text = options.optional(key);
      if (text === undefined) return undefined;
      const unscaled = parseDecimal(text, type.scale);
      if (unscaled === undefined) throw options.error(`option '${key}' must be a number, got '${text}'`);
      const limit = pow10(type.precision);
      if (unscaled >= limit || unscaled <= -limit) throw options.error(`option '${key}' (${text}) does not fit ${formatType(type)}`);
      return unscaled;
    }
    default: return undefined;
  }
}
