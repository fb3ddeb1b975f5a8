/**
 * Flink's lookup options (its LookupOptions, as the JDBC connector documents them), shared by every connector
 * that can be a lookup table: `'lookup.cache'` NONE (default) or PARTIAL; for PARTIAL
 * `'lookup.partial-cache.max-rows'`, `'lookup.partial-cache.expire-after-write'`,
 * `'lookup.partial-cache.expire-after-access'` (at least one of them, as Flink's cache builder demands) and
 * `'lookup.partial-cache.cache-missing-key'` (default true); `'lookup.max-retries'` (default 3).
 */
import type { LookupCacheSpec } from '../dataflow/graph.js';
import type { ConnectorOptions } from './options.js';

export const LOOKUP_CACHE = 'lookup.cache';
export const MAX_ROWS = 'lookup.partial-cache.max-rows';
export const EXPIRE_AFTER_WRITE = 'lookup.partial-cache.expire-after-write';
export const EXPIRE_AFTER_ACCESS = 'lookup.partial-cache.expire-after-access';
export const CACHE_MISSING_KEY = 'lookup.partial-cache.cache-missing-key';
export const MAX_RETRIES = 'lookup.max-retries';

export const LOOKUP_OPTION_KEYS: readonly string[] = [LOOKUP_CACHE, MAX_ROWS, EXPIRE_AFTER_WRITE, EXPIRE_AFTER_ACCESS, CACHE_MISSING_KEY, MAX_RETRIES];

/** Flink's default of `'lookup.max-retries'`. */
export const DEFAULT_MAX_RETRIES = 3;

export interface LookupOptions {
  readonly cache: LookupCacheSpec;
  /** Times a failed lookup query is tried again before the job fails. */
  readonly maxRetries: number;
}

/** Reads the lookup options; a ConnectorError names the option when a value is invalid. */
export function readLookupOptions(options: ConnectorOptions): LookupOptions {
  const maxRetries = options.integer(MAX_RETRIES, { min: 0 }) ?? DEFAULT_MAX_RETRIES;
  const mode = options.choice(LOOKUP_CACHE, ['NONE', 'PARTIAL'] as const, 'NONE');
  const maxRows = options.integer(MAX_ROWS, { min: 0 });
  const expireAfterWrite = options.duration(EXPIRE_AFTER_WRITE);
  const expireAfterAccess = options.duration(EXPIRE_AFTER_ACCESS);
  const cacheMissingKey = options.boolean(CACHE_MISSING_KEY, true);
  if (mode !== 'PARTIAL') return { cache: { kind: 'none' }, maxRetries };
  if (maxRows === undefined && expireAfterWrite === undefined && expireAfterAccess === undefined) {
    throw options.error(
      `'${LOOKUP_CACHE}' = 'PARTIAL' needs at least one eviction policy: '${MAX_ROWS}', '${EXPIRE_AFTER_WRITE}' or '${EXPIRE_AFTER_ACCESS}'`,
      `e.g. '${MAX_ROWS}' = '10000', '${EXPIRE_AFTER_WRITE}' = '1 min'`,
    );
  }
  const cache: LookupCacheSpec = {
    kind: 'partial',
    ...(maxRows === undefined ? {} : { maxRows }),
    ...(expireAfterWrite === undefined ? {} : { expireAfterWrite }),
    ...(expireAfterAccess === undefined ? {} : { expireAfterAccess }),
    cacheMissingKey,
  };
  return { cache, maxRetries };
}
