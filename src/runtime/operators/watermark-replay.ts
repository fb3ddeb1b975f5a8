/**
 * The watermark handling shared by operators that hold rows until the watermark passes their time and replay every
 * watermark advance at the row where it happened (OVER aggregation, the temporal sort, MATCH_RECOGNIZE): their own
 * watermark runs ahead of the task's within a batch, so it is what they act on and what goes into the checkpoint
 * snapshot. On processing time they ignore watermarks.
 */
import { NO_WATERMARK } from '../messages.js';
import type { OperatorContext } from '../operator.js';
import { WatermarkedRows } from './watermarked-rows.js';

export abstract class WatermarkReplayingOperator {
  /** The last watermark this operator acted on. */
  protected watermark = NO_WATERMARK;

  /** Whether the operator runs on processing time (and so ignores watermarks). */
  protected abstract get processingTime(): boolean;

  /** Releases what the watermark passing `watermark` releases, into `output`. */
  protected abstract advanceTo(watermark: number, output: WatermarkedRows): void;

  async processWatermark(watermark: number, context: OperatorContext): Promise<void> {
    if (this.processingTime || watermark <= this.watermark) return;
    const output = new WatermarkedRows();
    this.advanceTo(watermark, output);
    await output.flush(context);
  }

  snapshotState(): { watermark: number } {
    return { watermark: this.watermark };
  }

  restoreState(snapshot: unknown, context: OperatorContext): void {
    const restored = snapshot as { watermark?: number } | undefined;
    this.watermark = Math.max(restored?.watermark ?? NO_WATERMARK, context.currentWatermark);
  }
}
