/**
 * The `<table>$malformed` system table: the malformed records this Engine's jobs skipped while reading `<table>`
 * under `'json.ignore-parse-errors'` / `'csv.ignore-parse-errors'` (or sent to a Kafka dead-letter topic) — the last
 * `'sluice.late-records.max-retained'` per table, as a bounded snapshot taken when the reading query starts. Counts
 * stay exact in the job summary. Columns:
 *
 *   raw STRING            the record's text (NULL where the source has none: a CSV syntax error)
 *   error STRING          what was wrong
 *   location STRING       where: `file:line[:column]`, or `topic t partition p offset o`
 *   job STRING            the job that skipped it
 *   skipped_at TIMESTAMP(3)  the wall-clock time it was skipped
 */
import { STRING, TIMESTAMP3 } from '../common/types.js';
import type { CatalogColumn, SystemTableProvider } from '../planner/index.js';
import type { SkippedRecord } from '../runtime/connector.js';
import { RecordRing } from './record-ring.js';

export const MALFORMED_SUFFIX = 'malformed';

/** Connectors whose formats can skip malformed records. */
const DECODING_CONNECTORS = new Set(['filesystem', 'kafka', 'upsert-kafka']);

const COLUMNS: readonly CatalogColumn[] = [
  { name: 'raw', type: STRING, nullable: true, computed: null },
  { name: 'error', type: STRING, nullable: false, computed: null },
  { name: 'location', type: STRING, nullable: true, computed: null },
  { name: 'job', type: STRING, nullable: false, computed: null },
  { name: 'skipped_at', type: TIMESTAMP3, nullable: false, computed: null },
];

/** A skipped record as a job hands it on. */
export interface MalformedRecord extends SkippedRecord {
  readonly table: string;
  readonly job: string;
}

export class MalformedRecordLog {
  private readonly tables = new Map<string, RecordRing<MalformedRecord & { readonly at: number }>>();

  constructor(private readonly capacity: () => number, private readonly now: () => number = Date.now) {}

  report(record: MalformedRecord): void {
    let ring = this.tables.get(record.table);
    if (!ring) this.tables.set(record.table, (ring = new RecordRing()));
    ring.push({ ...record, at: this.now() }, this.capacity());
  }

  /** The rows of `<table>$malformed` as the in-process connector reads them, oldest first. */
  rows(table: string): object[] {
    return (this.tables.get(table)?.snapshot() ?? []).map((r) => ({ raw: r.raw, error: r.error, location: r.location, job: r.job, skipped_at: r.at }));
  }
}

export const malformedTableProvider: SystemTableProvider = {
  suffix: MALFORMED_SUFFIX,
  tableFor(base, name) {
    if (!DECODING_CONNECTORS.has(base.options['connector'] ?? '')) return undefined;
    return { kind: 'table', name, columns: COLUMNS, watermark: null, primaryKey: [], options: { connector: 'in-process' }, position: base.position };
  },
  missingReason(base) {
    return `table '${base.name}' (connector '${base.options['connector'] ?? ''}') decodes no records, so none can be malformed`;
  },
};

