/**
 * A query's changes applied to a table of rows (+I/+U add a row, -U/-D remove an equal one): what `toArray()`
 * returns, and what the REST API's SQL endpoint answers after a limit or a time limit.
 */
import { encodeKey } from '../runtime/keys.js';
import type { Value } from '../common/values.js';
import type { Change, ColumnInfo, QueryResult, ResultValue, Row } from './api-types.js';

export class ResultRows {
  readonly rows: Row[] = [];
  private readonly keys: string[] = [];

  apply(change: Change): void {
    const key = encodeKey(Object.values(change.row).map(keyValueOf));
    if (change.op === '+I' || change.op === '+U') {
      this.rows.push(change.row);
      this.keys.push(key);
      return;
    }
    const index = this.keys.lastIndexOf(key);
    if (index >= 0) {
      this.rows.splice(index, 1);
      this.keys.splice(index, 1);
    }
  }
}

/** A query's rows after at most `timeoutMs` or once `limit` rows are in (then the query is cancelled). */
export interface QuerySnapshot {
  readonly columns: readonly ColumnInfo[];
  readonly rows: readonly Row[];
  /** True when the query ended by itself (a bounded query), false when the limit or the time limit stopped it. */
  readonly complete: boolean;
}

export async function querySnapshot(result: QueryResult, limit: number, timeoutMs: number, ordered: (rows: Row[]) => Row[] = (rows) => rows): Promise<QuerySnapshot> {
  const table = new ResultRows();
  const iterator = result[Symbol.asyncIterator]();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  let complete = false;
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), timedOut]);
      if (next === 'timeout') break;
      if (next.done) {
        complete = true;
        break;
      }
      table.apply(next.value);
      if (!result.updating && table.rows.length >= limit) break;
    }
  } finally {
    clearTimeout(timer);
    if (!complete) await result.cancel();
  }
  return { columns: result.columns, rows: ordered(table.rows).slice(0, limit), complete: complete && table.rows.length <= limit };
}

/** A result value as a key value: ROW objects by their field values (the row's own order). */
function keyValueOf(value: ResultValue): Value {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(keyValueOf);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [keyValueOf(k), keyValueOf(v)]));
  return Object.values(value).map(keyValueOf);
}
