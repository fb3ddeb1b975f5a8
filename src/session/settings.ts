/** Session settings (SET 'key' = 'value'): known keys with defaults and validation; other keys are kept as given. */
import { PlanError } from '../common/errors.js';
import type { SourcePosition } from '../common/errors.js';

export interface SettingDefinition {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
  /** Returns an error text for an invalid value. */
  readonly validate?: (value: string) => string | undefined;
}

const positiveInteger = (value: string): string | undefined =>
  /^\d+$/.test(value) && Number(value) > 0 ? undefined : 'must be a positive integer';

export const SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'state.backend',
    defaultValue: 'memory',
    description: "Keyed state backend: 'memory' (also 'hashmap') or 'sqlite' (also 'rocksdb', mapped to SQLite)",
    validate: (v) => (['memory', 'hashmap', 'sqlite', 'rocksdb'].includes(v.toLowerCase()) ? undefined : "must be 'memory' or 'sqlite'"),
  },
  { key: 'state.dir', defaultValue: '.sluice/state', description: 'Directory for SQLite state files (one sub-directory per job run)' },
  { key: 'sluice.batch-size', defaultValue: '1024', description: 'Rows per Arrow record batch read from sources', validate: positiveInteger },
  { key: 'pipeline.name', defaultValue: '', description: 'Job name (default: insert-into_<sink table>)' },
  { key: 'parallelism.default', defaultValue: '1', description: 'Accepted for Flink compatibility; Sluice runs one task per operator', validate: positiveInteger },
];

export class Settings {
  private readonly values = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.set(key, value);
  }

  set(key: string, value: string, position?: SourcePosition): void {
    const definition = SETTINGS.find((s) => s.key === key);
    const problem = definition?.validate?.(value);
    if (problem) throw new PlanError(`Invalid value '${value}' for '${key}': ${problem}`, position ? { position } : {});
    this.values.set(key, value);
  }

  reset(key?: string): void {
    if (key === undefined) this.values.clear();
    else this.values.delete(key);
  }

  get(key: string): string {
    return this.values.get(key) ?? SETTINGS.find((s) => s.key === key)?.defaultValue ?? '';
  }

  /** Every known key with its effective value, plus any other key that was set. */
  all(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const s of SETTINGS) result[s.key] = this.get(s.key);
    for (const [k, v] of this.values) result[k] = v;
    return result;
  }

  stateBackendKind(): 'memory' | 'sqlite' {
    const value = this.get('state.backend').toLowerCase();
    return value === 'sqlite' || value === 'rocksdb' ? 'sqlite' : 'memory';
  }

  batchSize(): number {
    return Number(this.get('sluice.batch-size'));
  }
}
