/** Session settings (SET 'key' = 'value'): known keys with defaults and validation; other keys are kept as given. */
import { availableParallelism } from 'node:os';
import { PlanError } from '../common/errors.js';
import type { SourcePosition } from '../common/errors.js';
import { parseDuration } from '../connectors/index.js';
import type { PlannerOptions } from '../planner/index.js';
import { canonicalTimeZone, resolveTimeZone } from '../common/time-zone.js';

export interface SettingDefinition {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
  /** Returns an error text for an invalid value. */
  readonly validate?: (value: string) => string | undefined;
}

const positiveInteger = (value: string): string | undefined =>
  /^\d+$/.test(value) && Number(value) > 0 ? undefined : 'must be a positive integer';

const duration = (value: string): string | undefined =>
  value.trim() === '' || parseDuration(value) !== undefined ? undefined : "must be a duration such as '10 s', '1 min' or '500 ms'";

const booleanText = (value: string): string | undefined =>
  ['true', 'false'].includes(value.trim().toLowerCase()) ? undefined : "must be 'true' or 'false'";

export const SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'state.backend',
    defaultValue: 'memory',
    description: "Keyed state backend: 'memory' (also 'hashmap') or 'sqlite' (also 'rocksdb', mapped to SQLite)",
    validate: (v) => (['memory', 'hashmap', 'sqlite', 'rocksdb'].includes(v.toLowerCase()) ? undefined : "must be 'memory' or 'sqlite'"),
  },
  { key: 'state.dir', defaultValue: '.sluice/state', description: 'Directory for SQLite state files (one sub-directory per job run)' },
  {
    key: 'sluice.batch-size',
    defaultValue: 'auto',
    description: "Rows per Arrow record batch read from sources; 'auto': 4096 for stateless jobs, 1024 where results wait on windows or state (latency)",
    validate: (value) => (value.toLowerCase() === 'auto' ? undefined : positiveInteger(value)),
  },
  {
    key: 'sluice.expressions.vectorized',
    defaultValue: 'true',
    description: 'Evaluate numeric filters and projections over Arrow buffers (vector kernels); false: row kernels only',
    validate: booleanText,
  },
  {
    key: 'sluice.source.parallel-decode',
    defaultValue: 'auto',
    description: "Decode JSON-lines files on a worker thread: 'auto' (files of 8 MiB or more), 'true' or 'false'",
    validate: (v) => (['auto', 'true', 'false'].includes(v.toLowerCase()) ? undefined : "must be 'auto', 'true' or 'false'"),
  },
  {
    key: 'sluice.source.decode-threads',
    defaultValue: 'auto',
    description: "Worker threads decoding one JSON-lines file in parallel: 'auto' (the cores less one for the query, at least 1, at most 4) or a number",
    validate: (v) => (v.toLowerCase() === 'auto' || /^[1-9]\d*$/.test(v) ? undefined : "must be 'auto' or a positive integer"),
  },
  {
    key: 'table.local-time-zone',
    defaultValue: 'default',
    description: "The session's time zone for TIMESTAMP_LTZ (display, CAST to and from TIMESTAMP/STRING): an IANA id such as 'Europe/Berlin', or 'default', the process's zone (the TZ environment variable)",
    validate: (v) => (v.trim().toLowerCase() === 'default' || canonicalTimeZone(v.trim()) !== undefined ? undefined : "must be 'default' or a time zone id such as 'UTC', 'Europe/Berlin' or 'GMT+08:00'"),
  },
  { key: 'pipeline.name', defaultValue: '', description: 'Job name (default: insert-into_<sink table>)' },
  {
    key: 'table.exec.emit.allow-lateness',
    defaultValue: '0 ms',
    description: 'How long fired windows keep their state: late rows within it update the result (-U/+U)',
    validate: duration,
  },
  { key: 'table.exec.emit.early-fire.enabled', defaultValue: 'false', description: 'Emit partial window results before windows close', validate: booleanText },
  {
    key: 'table.exec.emit.early-fire.delay',
    defaultValue: '',
    description: 'Early firing period, in event time (watermark progress)',
    validate: (v) => duration(v) ?? (v.trim() !== '' && parseDuration(v) === 0 ? 'must be greater than 0' : undefined),
  },
  {
    key: 'table.exec.watermark.max-future-skew',
    defaultValue: '',
    description: 'Rows more than this ahead of the wall clock do not move the watermark: dropped and logged as future (default off)',
    validate: duration,
  },
  {
    key: 'table.exec.source.idle-timeout',
    defaultValue: '0 ms',
    description: "A source that produces nothing this long is idle: it no longer holds back the watermark of joins and unions (0: never idle; a table's 'scan.watermark.idle-timeout' wins)",
    validate: duration,
  },
  {
    key: 'table.exec.state.ttl',
    defaultValue: '0 ms',
    description: 'An unbounded GROUP BY drops the state of a key that saw no row for this long (processing time; 0: keep forever)',
    validate: duration,
  },
  { key: 'sluice.late-records.max-retained', defaultValue: '10000', description: "Late records kept per table in memory for `<table>$late`, and malformed records skipped for `<table>$malformed` (counters stay exact)", validate: positiveInteger },
  {
    key: 'execution.checkpointing.interval',
    defaultValue: '',
    description: "Take a checkpoint this often (e.g. '10 s'); INSERT jobs then resume from their last checkpoint when run again under the same 'pipeline.name' (default off)",
    validate: (v) => duration(v) ?? (v.trim() !== '' && parseDuration(v) === 0 ? 'must be greater than 0' : undefined),
  },
  { key: 'execution.checkpointing.dir', defaultValue: '', description: "Where job databases live, one directory per job name (default: 'state.dir')" },
  { key: 'execution.checkpointing.num-retained', defaultValue: '1', description: 'Checkpoint records kept in the job database (state is kept for the latest)', validate: positiveInteger },
  { key: 'execution.checkpointing.savepoint-dir', defaultValue: '', description: "Where savepoints go (default: '<state.dir>/savepoints')" },
  { key: 'execution.state-recovery.path', defaultValue: '', description: "Start INSERT jobs from this savepoint (the CLI's --from-savepoint; Flink 1.x key: 'execution.savepoint.path')" },
  {
    key: 'execution.state-recovery.ignore-unclaimed-state',
    defaultValue: 'false',
    description: "Drop savepoint state that no operator of the changed query takes (the CLI's --allow-non-restored-state)",
    validate: booleanText,
  },
  { key: 'sluice.checkpointing.fresh', defaultValue: 'false', description: "Start checkpointed jobs over, discarding their checkpoints (the CLI's --fresh)", validate: booleanText },
  {
    key: 'table.optimizer.reuse-sub-plan-enabled',
    defaultValue: 'true',
    description: 'Plan a table or sub-plan a job reads more than once (a self-join, a view used twice, a statement set) once, and share its output',
    validate: booleanText,
  },
  { key: 'parallelism.default', defaultValue: '1', description: 'Accepted for Flink compatibility; Sluice runs one task per operator', validate: positiveInteger },
  {
    key: 'rest.port',
    defaultValue: '',
    description: "Serve the web dashboard, the REST API and Prometheus metrics (/metrics) on this port; '' (default): off; 0: any free port",
    validate: (v) => (v.trim() === '' || (/^\d+$/.test(v.trim()) && Number(v) <= 65535) ? undefined : "must be a port number (0-65535), or '' for off"),
  },
  { key: 'rest.bind-address', defaultValue: '127.0.0.1', description: "Address the REST server listens on ('0.0.0.0': every interface)" },
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

  /** The configured batch size, or undefined for 'auto' (chosen per job: batch-size.ts). */
  batchSize(): number | undefined {
    const value = this.get('sluice.batch-size');
    return value.toLowerCase() === 'auto' ? undefined : Number(value);
  }

  vectorizedExpressions(): boolean {
    return this.get('sluice.expressions.vectorized').toLowerCase() === 'true';
  }

  parallelDecode(): 'auto' | 'on' | 'off' {
    const value = this.get('sluice.source.parallel-decode').toLowerCase();
    return value === 'true' ? 'on' : value === 'false' ? 'off' : 'auto';
  }

  decodeThreads(): number {
    const value = this.get('sluice.source.decode-threads').toLowerCase();
    return value === 'auto' ? Math.min(4, Math.max(1, availableParallelism() - 1)) : Number(value);
  }

  /** The event-time settings the planner bakes into a job. */
  plannerOptions(): PlannerOptions {
    const lateness = parseDuration(this.get('table.exec.emit.allow-lateness')) ?? 0;
    const earlyFire = this.get('table.exec.emit.early-fire.enabled').trim().toLowerCase() === 'true';
    const delay = parseDuration(this.get('table.exec.emit.early-fire.delay'));
    if (earlyFire && (delay === undefined || delay <= 0)) {
      throw new PlanError("'table.exec.emit.early-fire.enabled' is true, so 'table.exec.emit.early-fire.delay' must be set to a duration greater than 0, e.g. SET 'table.exec.emit.early-fire.delay' = '1 min'");
    }
    const skew = parseDuration(this.get('table.exec.watermark.max-future-skew'));
    const ttl = parseDuration(this.get('table.exec.state.ttl')) ?? 0;
    const reuse = this.get('table.optimizer.reuse-sub-plan-enabled').trim().toLowerCase() !== 'false';
    return {
      timeZone: this.timeZone(),
      ...(reuse ? {} : { reuseSubplans: false }),
      ...(ttl > 0 ? { stateTtl: ttl } : {}),
      ...(lateness > 0 ? { allowedLateness: lateness } : {}),
      ...(earlyFire && delay !== undefined ? { earlyFireDelay: delay } : {}),
      ...(skew !== undefined ? { maxFutureSkew: skew } : {}),
    };
  }

  /** The session's time zone ('table.local-time-zone'; 'default' is the process's zone). */
  timeZone(): string {
    return resolveTimeZone(this.get('table.local-time-zone'));
  }

  /** The default source idle timeout in ms; 0 when off. */
  sourceIdleTimeoutMs(): number {
    return parseDuration(this.get('table.exec.source.idle-timeout')) ?? 0;
  }

  /** Where the REST server should listen; undefined when `'rest.port'` is not set. */
  restEndpoint(): { port: number; host: string } | undefined {
    const port = this.get('rest.port').trim();
    if (port === '') return undefined;
    return { port: Number(port), host: this.get('rest.bind-address').trim() || '127.0.0.1' };
  }

  lateRecordsRetained(): number {
    return Number(this.get('sluice.late-records.max-retained'));
  }
}
