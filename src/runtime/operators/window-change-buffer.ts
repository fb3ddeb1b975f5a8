/** Window aggregation output (keys…, window_start, window_end, window_time, aggregates…) gathered during one message. */
import type { Value } from '../../common/values.js';
import { RowKind } from '../../common/values.js';
import type { OperatorContext } from '../operator.js';
import { makeBatch } from '../batch.js';
import { windowClock, type WindowClock } from '../windows/clock.js';

export class WindowChangeBuffer {
  private readonly columns: Value[][];
  private readonly kinds: number[] = [];
  private readonly watermarks: number[] = [];
  private updates = false;

  /** `carriesWatermarks`: emitted rows carry the watermark they were produced at (event time only). */
  /**
   * `clock`: the windows' clock (windows/clock.ts), which turns a window end into window_time and the watermark the
   * operator works with (window time) back into the watermark rows carry; none over a TIMESTAMP rowtime.
   */
  constructor(width: number, private readonly carriesWatermarks = true, private readonly clock: WindowClock = windowClock(undefined)) {
    this.columns = Array.from({ length: width }, () => []);
  }

  /** Adds one row of window [start, end), carrying `watermark` (the watermark in force before the advance that produced it). */
  add(kind: RowKind, keys: readonly Value[], start: number, end: number, values: readonly Value[], watermark: number): void {
    let c = 0;
    for (const key of keys) this.columns[c++]!.push(key);
    this.columns[c++]!.push(start);
    this.columns[c++]!.push(end);
    this.columns[c++]!.push(this.clock.windowTime(end));
    for (const value of values) this.columns[c++]!.push(value);
    this.kinds.push(kind);
    this.watermarks.push(this.clock.firingWatermark(watermark));
    if (kind !== RowKind.Insert) this.updates = true;
  }

  get length(): number {
    return this.kinds.length;
  }

  async flush(context: OperatorContext): Promise<void> {
    if (this.kinds.length === 0) return;
    const options: { rowKinds?: Uint8Array; watermarks?: Float64Array } = {};
    if (this.carriesWatermarks) options.watermarks = Float64Array.from(this.watermarks);
    if (this.updates) options.rowKinds = Uint8Array.from(this.kinds);
    await context.emit(makeBatch(context.outputSchema, this.columns, this.kinds.length), options);
  }
}
