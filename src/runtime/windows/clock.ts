/**
 * The clock windows run on. Over a TIMESTAMP rowtime that is the rowtime itself. Over a TIMESTAMP_LTZ rowtime (an
 * instant) windows are split by the wall clock of the session time zone, as Flink does (its TimeWindowUtil):
 *
 * - a row is assigned by its instant's wall clock, so a 1-DAY window in 'Asia/Shanghai' starts at Shanghai midnight,
 *   and on a daylight-saving day a 4-hour window [00:00, 04:00) holds 3 (spring) or 5 (autumn) hours of rows;
 * - window_start and window_end are those wall clocks (TIMESTAMP(3)); window_time is the instant of the window's last
 *   millisecond (TIMESTAMP_LTZ(3); a repeated wall clock takes the earlier instant, as java.time's `atZone`);
 * - a window fires when the watermark (an instant) reaches its last millisecond, taking the later instant when that
 *   wall clock repeats (Flink's `toEpochMillsForTimer`): the hour 01:00–02:00 of an autumn night fires once, after
 *   its second pass.
 *
 * The operators keep working in window time: `windowWatermark` turns a watermark into the largest wall clock whose
 * firing instant it has reached, so `end - 1 <= windowWatermark(w)` exactly when the window has fired.
 */
import { instantToWall, wallToInstant, zoneOffsetAt } from '../../common/time-zone.js';

export interface WindowClock {
  /** Whether the clock is the rowtime itself (no conversion anywhere). */
  readonly identity: boolean;
  /** The window time of a rowtime value: what windows are assigned by. */
  windowTimeOf(rowtime: number): number;
  /** The largest window time whose firing instant `watermark` has reached (±∞ unchanged). */
  windowWatermark(watermark: number): number;
  /** The watermark at which window time `time` fires: the inverse of `windowWatermark` (±∞ unchanged). */
  firingWatermark(time: number): number;
  /** window_time of the window ending at `end`: its last millisecond, as the rowtime's type holds it. */
  windowTime(end: number): number;
}

const IDENTITY: WindowClock = {
  identity: true,
  windowTimeOf: (rowtime) => rowtime,
  windowWatermark: (watermark) => watermark,
  firingWatermark: (time) => time,
  windowTime: (end) => end - 1,
};

const DAY = 86_400_000;

/** The clock of windows over a TIMESTAMP rowtime (no zone) or a TIMESTAMP_LTZ one (`timeZone`, the session zone). */
export function windowClock(timeZone: string | undefined): WindowClock {
  if (timeZone === undefined || timeZone === 'UTC') return IDENTITY;
  const firingWatermark = (time: number): number => (Number.isFinite(time) ? firingInstant(timeZone, time) : time);
  return {
    identity: false,
    windowTimeOf: (rowtime) => instantToWall(timeZone, rowtime),
    windowWatermark: (watermark) => {
      if (!Number.isFinite(watermark)) return watermark;
      const wall = instantToWall(timeZone, watermark);
      if (firingInstant(timeZone, wall) <= watermark) return wall;
      // The first pass of a repeated hour: its wall clocks fire after the second pass; the last one that has fired
      // is the millisecond before the repetition starts.
      return repetitionStart(timeZone, watermark) - 1;
    },
    firingWatermark,
    windowTime: (end) => wallToInstant(timeZone, end - 1),
  };
}

/** The instant a wall clock fires at: the later of two when the wall clock repeats (Flink's toEpochMillsForTimer). */
function firingInstant(zone: string, wall: number): number {
  const early = wallToInstant(zone, wall);
  const after = zoneOffsetAt(zone, wall + DAY);
  const late = wall - after;
  return late > early && zoneOffsetAt(zone, late) === after ? late : early;
}

/** For an instant in the first pass of a repeated hour: the wall clock where the repetition starts. */
function repetitionStart(zone: string, instant: number): number {
  const before = zoneOffsetAt(zone, instant);
  let low = instant; // offset `before`
  let high = instant + DAY; // offset changed by then
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffsetAt(zone, middle) === before) low = middle;
    else high = middle;
  }
  return instantToWall(zone, high);
}
