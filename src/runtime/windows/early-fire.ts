/** Event-time early firing: the watermark's progress, in `delay`-long periods aligned to the epoch, paces partial results. */

/** The early-fire period a watermark falls in. */
export function earlyFireTick(watermark: number, delay: number): number {
  return Math.floor(watermark / delay);
}

/** The lowest watermark in a later early-fire period than `watermark`'s. */
export function nextEarlyFire(watermark: number, delay: number): number {
  return (earlyFireTick(watermark, delay) + 1) * delay;
}
