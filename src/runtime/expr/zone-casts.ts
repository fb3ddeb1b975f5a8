/**
 * CASTs to and from TIMESTAMP_LTZ, which turn an instant into a wall clock of the session time zone or back (the
 * zone is stamped into the cast when the job is planned): TIMESTAMP ↔ TIMESTAMP_LTZ, STRING ↔ TIMESTAMP_LTZ (the
 * text is the wall clock, `yyyy-MM-dd HH:mm:ss[.SSS]`, as Flink), DATE ↔ TIMESTAMP_LTZ (local midnight) and
 * TIMESTAMP_LTZ → TIME. Wall clocks in a daylight-saving gap move forward; repeated ones take the earlier instant.
 */
import { ExecutionError } from '../../common/errors.js';
import { formatTimestamp, MILLIS_PER_DAY, parseTimestamp } from '../../common/time.js';
import { instantToWall, wallToInstant } from '../../common/time-zone.js';
import { formatType, timestampLtz, type DataType } from '../../common/types.js';
import {
  formatTimestampNanos, nanosToMillis, parseTimestampNanos, rescaleTimestamp, shiftNanos, truncateMillis,
} from '../../common/precise-timestamp.js';
import type { Value } from '../../common/values.js';

type CastFunction = (value: Value) => Value;

/** A zone shift of milliseconds applied to a timestamp of `precision` (precise ones keep their sub-millisecond part). */
function shiftOf(shift: (millis: number) => number, precision: number): CastFunction {
  if (precision <= 3) return (v) => shift(v as number);
  return (v) => shiftNanos(v as bigint, shift);
}

function then(first: CastFunction, second: CastFunction): CastFunction {
  return (v) => second(first(v));
}

/** The cast when `from` or `to` is TIMESTAMP_LTZ; undefined otherwise (or for a pair the binder refuses). */
export function zoneCastFunction(from: DataType, to: DataType, zone: string): CastFunction | undefined {
  const toInstant = (millis: number): number => wallToInstant(zone, millis);
  if (to.kind === 'TIMESTAMP_LTZ') {
    const precision = to.precision;
    switch (from.kind) {
      case 'TIMESTAMP_LTZ': return rescaleTimestamp(from.precision, precision);
      case 'TIMESTAMP': return then(shiftOf(toInstant, from.precision), rescaleTimestamp(from.precision, precision));
      case 'DATE': return then((v) => wallToInstant(zone, (v as number) * MILLIS_PER_DAY), rescaleTimestamp(3, precision));
      case 'STRING': {
        // The text is read in nanoseconds for a precise LTZ, else in milliseconds, then cut to the precision.
        const read = precision > 3 ? 9 : 3;
        const parse: (text: string) => number | bigint | undefined = read === 9 ? parseTimestampNanos : parseTimestamp;
        const instant = then(shiftOf(toInstant, read), rescaleTimestamp(read, precision));
        return (v) => {
          const wall = parse(v as string);
          if (wall === undefined) throw new ExecutionError(`Cannot cast '${String(v)}' to ${formatType(to)}`);
          return instant(wall);
        };
      }
      default: return undefined;
    }
  }
  if (from.kind !== 'TIMESTAMP_LTZ') return undefined;
  const toWall = shiftOf((millis) => instantToWall(zone, millis), from.precision);
  if (from.precision > 3 && (to.kind === 'DATE' || to.kind === 'TIME')) {
    const cast = zoneCastFunction(timestampLtz(3), to, zone)!;
    return (v) => cast(nanosToMillis(v as bigint));
  }
  const wallOf = (v: Value): number => instantToWall(zone, v as number);
  switch (to.kind) {
    case 'TIMESTAMP': return then(toWall, rescaleTimestamp(from.precision, to.precision));
    case 'STRING':
      return from.precision > 3
        ? (v) => formatTimestampNanos(toWall(v) as bigint, from.precision)
        : (v) => formatTimestamp(wallOf(v), from.precision);
    case 'DATE': return (v) => Math.floor(wallOf(v) / MILLIS_PER_DAY);
    case 'TIME': {
      const precision = to.precision;
      return (v) => {
        const wall = wallOf(v);
        return truncateMillis(wall - Math.floor(wall / MILLIS_PER_DAY) * MILLIS_PER_DAY, precision);
      };
    }
    default: return undefined;
  }
}
