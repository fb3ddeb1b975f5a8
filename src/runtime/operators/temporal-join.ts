/**
 * Event-time temporal join (Flink's TemporalRowTimeJoinOperator); see TemporalJoinSpec. Input 0 is the left side,
 * input 1 the versioned right side, both hash-partitioned by the join key.
 *
 * State: left rows waiting for the watermark, by namespace = left time and key = join key (arrival order); right
 * versions by join key, sorted by version time (a later row at the same time replaces the earlier); and an index of
 * keys by version time, so that purging visits only keys with versions the watermark has passed. When the combined
 * watermark w advances, the left rows at times <= w are joined (in time, key, arrival order) before w is forwarded;
 * then per key only the latest version at or below w is kept (no pending or future left row, all above w, can need
 * an older one), and dropped as well when it is a deletion.
 */
import type { TemporalJoinSpec } from '../../dataflow/graph.js';
import { RowKind, type Value } from '../../common/values.js';
import { InternalError } from '../../common/errors.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { TableMetrics } from '../metrics.js';
import { makeBatch } from '../batch.js';
import { ColumnCache } from './column-cache.js';
import { compileResidual, type ResidualCondition } from './window-join-rows.js';
import { joinKeyOf } from '../keys.js';

/** A right row's version: its values from `time` on, or (deleted) no row from `time` on. */
interface Version {
  readonly time: number;
  readonly values: Value[] | null;
}

const NO_NAMESPACE = 0;

export class TemporalJoinOperator implements Operator {
  private pending: NamespacedMapState<Value[][]> | undefined;
  private versions: NamespacedMapState<Version[]> | undefined;
  private versionIndex: NamespacedMapState<true> | undefined;
  private lateMetrics: TableMetrics | undefined;
  private residual: ResidualCondition | null = null;
  private leftWidth = 0;
  private rightWidth = 0;

  constructor(private readonly spec: TemporalJoinSpec) {}

  open(context: OperatorContext): void {
    const [leftSchema, rightSchema] = context.inputSchemas;
    if (!leftSchema || !rightSchema) throw new InternalError(`Temporal join #${context.operatorId} needs two inputs`);
    this.leftWidth = leftSchema.fields.length;
    this.rightWidth = rightSchema.fields.length;
    const id = context.operatorId;
    this.pending = context.state.mapState<Value[][]>(`${id}/left`);
    this.versions = context.state.mapState<Version[]>(`${id}/right`);
    this.versionIndex = context.state.mapState<true>(`${id}/right-times`);
    this.lateMetrics = context.jobMetrics.table(this.spec.lateTable);
    this.residual = compileResidual(this.spec.residual);
  }

  async processBatch(message: DataMessage, context: OperatorContext, inputIndex = 0): Promise<void> {
    const schema = context.inputSchemas[inputIndex];
    if (!schema || (inputIndex !== 0 && inputIndex !== 1)) throw new InternalError(`Temporal join #${context.operatorId} has no input ${inputIndex}`);
    const input = ColumnCache.of(message.batch, schema);
    const columns = schema.fields.map((_, i) => input.column(i));
    if (inputIndex === 1) {
      this.applyRight(message, columns);
      return;
    }
    const times = columns[this.spec.leftTimeIndex]!;
    const output: Value[][] = [];
    for (let row = 0; row < message.batch.numRows; row++) {
      const values: Value[] = columns.map((c) => c[row]!);
      const time = times[row];
      const watermark = Math.max(message.watermarks ? message.watermarks[row]! : context.currentWatermark, context.currentWatermark);
      if (typeof time === 'number' && time < watermark) {
        // Its version may already be purged (replaced by a later one at or below the watermark).
        this.dropLate(values, watermark, context);
        continue;
      }
      const key = joinKeyOf(values, this.spec.leftKeys);
      if (typeof time !== 'number' || key === undefined) {
        // A NULL time or key matches no version.
        if (this.spec.joinType === 'left') output.push(this.padded(values));
        continue;
      }
      if (time <= context.currentWatermark) {
        // Exactly at the combined watermark: every version up to it is known and none purged; join it now.
        const row = this.joined(values, this.versionAt(key, time));
        if (row) output.push(row);
        continue;
      }
      const rows = this.pending!.get(time, key) ?? [];
      rows.push(values);
      this.pending!.put(time, key, rows);
    }
    await this.emitRows(output, context);
  }

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    const output: Value[][] = [];
    for (const time of this.pending!.namespacesUpTo(watermark).sort((a, b) => a - b)) {
      const entries = [...this.pending!.entries(time)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [key, rows] of entries) {
        const version = this.versionAt(key, time);
        for (const values of rows) {
          const row = this.joined(values, version);
          if (row) output.push(row);
        }
      }
      this.pending!.clearNamespace(time);
    }
    await this.emitRows(output, context);
    this.purge(watermark);
  }

  /** +I/+U start a version at the row's time, -D ends one; -U is ignored (its +U follows), as in Flink. */
  private applyRight(message: DataMessage, columns: readonly (readonly Value[])[]): void {
    const times = columns[this.spec.rightTimeIndex]!;
    for (let row = 0; row < message.batch.numRows; row++) {
      const kind = (message.rowKinds ? message.rowKinds[row]! : RowKind.Insert) as RowKind;
      if (kind === RowKind.UpdateBefore) continue;
      const values: Value[] = columns.map((c) => c[row]!);
      const time = times[row];
      const key = joinKeyOf(values, this.spec.rightKeys);
      if (typeof time !== 'number' || key === undefined) continue; // matches no left row
      const versions = this.versions!.get(NO_NAMESPACE, key) ?? [];
      const version: Version = { time, values: kind === RowKind.Delete ? null : values };
      let at = versions.length;
      while (at > 0 && versions[at - 1]!.time > time) at--;
      if (at > 0 && versions[at - 1]!.time === time) versions[at - 1] = version;
      else versions.splice(at, 0, version);
      this.versions!.put(NO_NAMESPACE, key, versions);
      this.versionIndex!.put(time, key, true);
    }
  }

  /** The right row of `key` valid at `time`: the latest version at or before it, unless that is a deletion. */
  private versionAt(key: string, time: number): Value[] | null {
    const versions = this.versions!.get(NO_NAMESPACE, key);
    if (!versions) return null;
    let found: Version | undefined;
    for (const v of versions) {
      if (v.time > time) break;
      found = v;
    }
    return found?.values ?? null;
  }

  /** A left row joined with its version; NULL-padded (LEFT) or null (INNER) when there is none or it does not match. */
  private joined(values: Value[], version: Value[] | null): Value[] | null {
    if (version && this.matches(values, version)) return [...values, ...version];
    return this.spec.joinType === 'left' ? this.padded(values) : null;
  }

  private matches(left: readonly Value[], right: readonly Value[]): boolean {
    if (!this.residual) return true;
    const column = (index: number): readonly Value[] => [index < this.leftWidth ? left[index]! : right[index - this.leftWidth]!];
    return this.residual(column, 1)[0] === true;
  }

  /** Keeps, per key whose versions the watermark passed, only the latest version at or below it (unless deleted). */
  private purge(watermark: number): void {
    const due = new Set<string>();
    for (const at of this.versionIndex!.namespacesUpTo(watermark)) {
      for (const [key] of this.versionIndex!.entries(at)) due.add(key);
      this.versionIndex!.clearNamespace(at);
    }
    for (const key of due) {
      const versions = this.versions!.get(NO_NAMESPACE, key);
      if (!versions) continue;
      let latest = -1;
      while (latest + 1 < versions.length && versions[latest + 1]!.time <= watermark) latest++;
      if (latest < 0) continue;
      const keepFrom = versions[latest]!.values === null ? latest + 1 : latest;
      const kept = versions.slice(keepFrom);
      if (kept.length === 0) this.versions!.delete(NO_NAMESPACE, key);
      else if (kept.length < versions.length) this.versions!.put(NO_NAMESPACE, key, kept);
    }
  }

  private padded(values: readonly Value[]): Value[] {
    return [...values, ...new Array<Value>(this.rightWidth).fill(null)];
  }

  private dropLate(values: readonly Value[], watermark: number, context: OperatorContext): void {
    this.lateMetrics!.lateRecords++;
    const mapping = this.spec.lateRow ?? values.map((_, c) => c);
    context.reportDropped({ table: this.spec.lateTable, values: mapping.map((c) => (c < 0 ? null : values[c]!)), reason: 'late', watermark });
  }

  private async emitRows(rows: readonly Value[][], context: OperatorContext): Promise<void> {
    if (rows.length === 0) return;
    const width = context.outputSchema.fields.length;
    const columns: Value[][] = Array.from({ length: width }, (_, c) => rows.map((r) => r[c]!));
    await context.emit(makeBatch(context.outputSchema, columns, rows.length));
  }
}
