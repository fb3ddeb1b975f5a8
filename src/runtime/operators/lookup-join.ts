/**
 * Lookup join (Flink's LookupJoin; see LookupJoinSpec): each probe row's key is looked up in the lookup table —
 * through the lookup cache when `'lookup.cache' = 'PARTIAL'` — as the row is processed, and the matching rows
 * joined to it. Row kinds and per-row watermarks pass through from the probe row to its output rows. Stateless for
 * checkpoints: nothing is snapshotted; the cache starts empty after a restart, as in Flink.
 */
import type { LookupJoinSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { InternalError } from '../../common/errors.js';
import type { LookupReader } from '../connector.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { compileExpr } from '../expr/evaluate.js';
import { encodeKey } from '../keys.js';
import { LookupCache } from '../lookup-cache.js';
import { ColumnCache } from './column-cache.js';
import { compileResidual, type ResidualCondition } from './window-join-rows.js';

type Probe = ReturnType<typeof compileExpr>;

export class LookupJoinOperator implements Operator {
  private readonly probes: Probe[];
  private readonly residual: ResidualCondition | null;
  private readonly cache: LookupCache | undefined;
  private metrics: TableMetrics | undefined;
  private rightWidth = 0;

  constructor(private readonly spec: LookupJoinSpec, private readonly reader: LookupReader, now: () => number = Date.now) {
    this.probes = spec.keys.map((k) => compileExpr(k.probe));
    this.residual = compileResidual(spec.residual);
    this.cache = spec.cache.kind === 'partial' ? new LookupCache(spec.cache, now) : undefined;
  }

  async open(context: OperatorContext): Promise<void> {
    this.rightWidth = this.spec.connector.schema.fields.length;
    this.metrics = context.jobMetrics.table(this.spec.connector.table);
    await this.reader.open();
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const rowCount = message.batch.numRows;
    const input = ColumnCache.of(message.batch, context.inputSchema);
    const columns = context.inputSchema.fields.map((_, i) => input.column(i));
    const column = (index: number): readonly Value[] => columns[index]!;
    const keyColumns = this.probes.map((probe) => probe(column, rowCount));
    const output: Value[][] = [];
    const kinds: number[] = [];
    const watermarks: number[] = [];
    for (let row = 0; row < rowCount; row++) {
      const left: Value[] = columns.map((c) => c[row]!);
      const key: Value[] = keyColumns.map((c) => c[row] ?? null);
      const matches = key.includes(null) ? [] : await this.rowsOf(key);
      let joined = 0;
      for (const right of matches) {
        if (!this.matches(left, right)) continue;
        output.push([...left, ...right]);
        joined++;
      }
      if (joined === 0 && this.spec.joinType === 'left') {
        output.push([...left, ...new Array<Value>(this.rightWidth).fill(null)]);
        joined = 1;
      }
      for (let i = 0; i < joined; i++) {
        if (message.rowKinds) kinds.push(message.rowKinds[row]!);
        if (message.watermarks) watermarks.push(message.watermarks[row]!);
      }
    }
    if (output.length === 0) return;
    const width = context.outputSchema.fields.length;
    const out: Value[][] = Array.from({ length: width }, (_, c) => output.map((r) => r[c]!));
    await context.emit(makeBatch(context.outputSchema, out, output.length), {
      ...(message.rowKinds ? { rowKinds: Uint8Array.from(kinds) } : {}),
      ...(message.watermarks ? { watermarks: Float64Array.from(watermarks) } : {}),
    });
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  /** The lookup table's rows for `key`: from the cache, or queried (and then cached). */
  private async rowsOf(key: readonly Value[]): Promise<readonly Value[][]> {
    if (!this.metrics) throw new InternalError('Lookup join used before open');
    const encoded = this.cache ? encodeKey(key) : '';
    const cached = this.cache?.get(encoded);
    if (cached) {
      this.metrics.lookupCacheHits++;
      return cached;
    }
    this.metrics.lookupCacheMisses++;
    const rows = await this.reader.lookup(key);
    this.cache?.put(encoded, rows);
    return rows;
  }

  private matches(left: readonly Value[], right: readonly Value[]): boolean {
    if (!this.residual) return true;
    const leftWidth = left.length;
    const column = (index: number): readonly Value[] => [index < leftWidth ? left[index]! : right[index - leftWidth]!];
    return this.residual(column, 1)[0] === true;
  }
}
