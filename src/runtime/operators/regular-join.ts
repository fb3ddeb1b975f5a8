/**
 * Regular (unbounded) join: input 0 is the left side, input 1 the right, both hash-partitioned by their join keys.
 * Every row is applied to the sides' keyed state as it arrives (see `regular-join-rows.ts` for the changelog it
 * emits); inputs may carry retractions. Watermarks pass through untouched: the output has no time attributes.
 *
 * Semi and anti joins (`joinType` 'semi' / 'anti') output left rows only; see `semi-join-rows.ts`.
 *
 * With a state TTL (`spec.stateTtl`, Flink's idle state retention), a side's rows under a join key are dropped when
 * that side saw no row for the key for that long (processing time). As in Flink this trades correctness for bounded
 * state: a later row no longer finds the expired rows, and retractions of expired rows are ignored.
 */
import type { RegularJoinSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import { isAccumulate, type RowKind } from '../../common/values.js';
import { InternalError } from '../../common/errors.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { makeBatch } from '../batch.js';
import { ColumnCache } from './column-cache.js';
import { IdleStateRetention } from './idle-state-retention.js';
import { compileResidual } from './window-join-rows.js';
import { SemiAntiJoinRows } from './semi-join-rows.js';
import { isOuterSide, NO_NAMESPACE, RegularJoinRows, sideKeyOf, type JoinChange, type JoinSideState, type KeyedRows } from './regular-join-rows.js';

export class RegularJoinOperator implements Operator {
  private sides: [JoinSideState, JoinSideState] | undefined;
  private rows: RegularJoinRows | SemiAntiJoinRows | undefined;
  private retention: [IdleStateRetention, IdleStateRetention] | undefined;
  private cancelCleanup: (() => void) | undefined;

  constructor(
    private readonly spec: RegularJoinSpec,
    private readonly clock: () => number = Date.now,
    /** Per input, whether it carries only inserts (see JoinSideState.insertOnly). */
    private readonly insertOnlyInputs: readonly boolean[] = [],
  ) {}

  open(context: OperatorContext): void {
    const [leftSchema, rightSchema] = context.inputSchemas;
    if (!leftSchema || !rightSchema) throw new InternalError(`Join #${context.operatorId} needs two inputs`);
    const id = context.operatorId;
    const side = (index: 0 | 1, keys: readonly number[], width: number, name: string): JoinSideState => ({
      keys,
      ...(this.spec.nullSafeKeys ? { nullSafeKeys: true } : {}),
      width,
      ...(this.insertOnlyInputs[index] ? { insertOnly: true } : {}),
      outer: isOuterSide(this.spec.joinType, index),
      rows: context.state.mapState<KeyedRows>(`${id}/${name}`),
    });
    this.sides = [
      side(0, this.spec.leftKeys, leftSchema.fields.length, 'left'),
      side(1, this.spec.rightKeys, rightSchema.fields.length, 'right'),
    ];
    const residual = compileResidual(this.spec.residual);
    const joinType = this.spec.joinType;
    this.rows = joinType === 'semi' || joinType === 'anti'
      ? new SemiAntiJoinRows(this.sides, residual, joinType === 'anti')
      : new RegularJoinRows(this.sides, residual);
    const ttl = this.spec.stateTtl;
    if (ttl !== undefined && ttl > 0) {
      this.retention = [
        new IdleStateRetention(context.state, `${id}/left-expiry`, ttl, this.clock),
        new IdleStateRetention(context.state, `${id}/right-expiry`, ttl, this.clock),
      ];
      this.scheduleCleanup(context);
    }
  }

  close(): void {
    this.cancelCleanup?.();
  }

  async processBatch(message: DataMessage, context: OperatorContext, inputIndex = 0): Promise<void> {
    const sides = this.sides;
    const schema = context.inputSchemas[inputIndex];
    if (!sides || !this.rows || !schema || (inputIndex !== 0 && inputIndex !== 1)) {
      throw new InternalError(`Join #${context.operatorId} has no input ${inputIndex}`);
    }
    this.expireIdleKeys();
    const side = sides[inputIndex];
    const retention = this.retention?.[inputIndex];
    const now = retention?.now();
    const input = ColumnCache.of(message.batch, schema);
    const columns = schema.fields.map((_, i) => input.column(i));
    const changes: JoinChange[] = [];
    for (let row = 0; row < message.batch.numRows; row++) {
      const values: Value[] = columns.map((c) => c[row]!);
      const accumulate = message.rowKinds ? isAccumulate(message.rowKinds[row] as RowKind) : true;
      const joinKey = retention ? sideKeyOf(side, values) : undefined;
      const previous = joinKey === undefined ? undefined : side.rows.get(NO_NAMESPACE, joinKey)?.lastAccess;
      const key = this.rows.apply(inputIndex, values, accumulate, changes, now);
      if (key === undefined || !retention || now === undefined) continue;
      if (side.rows.get(NO_NAMESPACE, key)) retention.touch(key, now, previous);
      else if (previous !== undefined) retention.forget(key, previous);
    }
    this.scheduleCleanup(context);
    if (changes.length === 0) return;
    const width = context.outputSchema.fields.length;
    const output: Value[][] = Array.from({ length: width }, () => new Array<Value>(changes.length));
    const kinds = new Uint8Array(changes.length);
    changes.forEach((change, r) => {
      for (let c = 0; c < width; c++) output[c]![r] = change.values[c]!;
      kinds[r] = change.kind;
    });
    await context.emit(makeBatch(context.outputSchema, output, changes.length), { rowKinds: kinds });
  }

  /** Drops each side's keys idle for longer than the TTL; also runs on a timer so idle streams shrink too. */
  private expireIdleKeys(): void {
    if (!this.retention || !this.sides) return;
    for (const index of [0, 1] as const) {
      const retention = this.retention[index];
      for (const key of retention.expire(retention.now())) this.sides[index].rows.delete(NO_NAMESPACE, key);
    }
  }

  private scheduleCleanup(context: OperatorContext): void {
    if (!this.retention || this.cancelCleanup || !context.scheduleAt) return;
    const times = this.retention.map((r) => r.nextExpiry()).filter((t): t is number => t !== undefined);
    if (times.length === 0) return;
    this.cancelCleanup = context.scheduleAt(Math.min(...times), () => {
      this.cancelCleanup = undefined;
      this.expireIdleKeys();
      this.scheduleCleanup(context);
    });
  }
}
