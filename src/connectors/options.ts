/**
 * Reading a table's WITH options: required and optional keys, typed values, unknown keys rejected with a
 * "did you mean" hint. Every problem is a ConnectorError whose text starts with `Table '<name>': `.
 */
import { ConnectorError } from '../common/errors.js';
import type { ConnectorDescriptor } from '../dataflow/graph.js';
import { didYouMean } from './suggest.js';

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/** Parses Flink-style durations (`10s`, `5 min`, `1h`, `250ms`; a bare number is milliseconds). Undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return undefined;
  const [, amount = '', unit = ''] = match;
  const factor = unit === '' ? 1 : DURATION_UNITS[unit.toLowerCase()];
  return factor === undefined ? undefined : Number(amount) * factor;
}

/** How long a source may produce nothing before it is idle (Flink's per-table option). */
export const IDLE_TIMEOUT_OPTION = 'scan.watermark.idle-timeout';

/** Options every source connector accepts, on top of its own. */
export const SOURCE_OPTION_KEYS: readonly string[] = [IDLE_TIMEOUT_OPTION];

/**
 * The table's idle timeout in ms (`'scan.watermark.idle-timeout'`), undefined when absent; a ConnectorError if it
 * is not a duration. `0` means never idle, as in Flink.
 */
export function sourceIdleTimeout(descriptor: Pick<ConnectorDescriptor, 'table' | 'connector' | 'options'>): number | undefined {
  return new ConnectorOptions(descriptor).duration(IDLE_TIMEOUT_OPTION);
}

/** The options of one table for one connector, with typed accessors. */
export class ConnectorOptions {
  readonly table: string;
  readonly connector: string;
  private readonly values: Readonly<Record<string, string>>;

  constructor(descriptor: Pick<ConnectorDescriptor, 'table' | 'connector' | 'options'>) {
    this.table = descriptor.table;
    this.connector = descriptor.connector;
    this.values = descriptor.options;
  }

  /** A ConnectorError whose message is prefixed with the table name. */
  error(detail: string, hint?: string): ConnectorError {
    return new ConnectorError(`Table '${this.table}': ${detail}`, hint === undefined ? {} : { hint });
  }

  keys(): string[] {
    return Object.keys(this.values);
  }

  optional(key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.values, key) ? this.values[key] : undefined;
  }

  required(key: string): string {
    const value = this.optional(key);
    if (value === undefined) throw this.error(`option '${key}' is required for connector '${this.connector}'`);
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    const normalized = value.trim().toLowerCase();
    if (normalized === 'true') return true;
    if (normalized === 'false') return false;
    throw this.error(`option '${key}' must be 'true' or 'false', got '${value}'`);
  }

  /** An integer option within [min, max]; undefined when absent. */
  integer(key: string, range: { min?: number; max?: number } = {}): number | undefined {
    const value = this.optional(key);
    if (value === undefined) return undefined;
    const parsed = /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed)) throw this.error(`option '${key}' must be an integer, got '${value}'`);
    if (range.min !== undefined && parsed < range.min) throw this.error(`option '${key}' must be at least ${range.min}, got ${parsed}`);
    if (range.max !== undefined && parsed > range.max) throw this.error(`option '${key}' must be at most ${range.max}, got ${parsed}`);
    return parsed;
  }

  /** A finite number option; undefined when absent. */
  number(key: string): number | undefined {
    const value = this.optional(key);
    if (value === undefined) return undefined;
    const parsed = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(parsed)) throw this.error(`option '${key}' must be a number, got '${value}'`);
    return parsed;
  }

  /** One of `choices` (compared case-insensitively, returned as listed); `fallback` when absent. */
  choice<T extends string>(key: string, choices: readonly T[], fallback?: T): T | undefined {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    const found = choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
    if (found !== undefined) return found;
    const hint = didYouMean(value, choices);
    const supported = `supported are ${choices.join(', ')}`;
    throw this.error(`unsupported value '${value}' for option '${key}'; ${supported}`, hint);
  }

  /** A duration in milliseconds (`10s`, `1 min`, `500ms`); undefined when absent. */
  duration(key: string): number | undefined {
    const value = this.optional(key);
    if (value === undefined) return undefined;
    const millis = parseDuration(value);
    if (millis === undefined) throw this.error(`option '${key}' must be a duration such as '10s' or '5 min', got '${value}'`);
    return millis;
  }

  /** Rejects keys that are neither `connector` nor accepted by `isKnown`; `candidates` feed the did-you-mean hint. */
  rejectUnknownKeys(isKnown: (key: string) => boolean, candidates: readonly string[]): void {
    for (const key of this.keys()) {
      if (key === 'connector' || isKnown(key)) continue;
      const hint = didYouMean(key, candidates) ?? (candidates.length > 0 ? `supported options: ${candidates.join(', ')}` : undefined);
      throw this.error(`unsupported option '${key}' for connector '${this.connector}'`, hint);
    }
  }
}
