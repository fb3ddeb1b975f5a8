/**
 * CASTs to and from TIMESTAMP_LTZ, which turn an instant into a wall clock of the session time zone or back (the
 * zone is stamped into the cast when the job is planned): TIMESTAMP ↔ TIMESTAMP_LTZ, STRING ↔ TIMESTAMP_LTZ (the
 * text is the wall clock, `yyyy-MM-dd HH:mm:ss[.SSS]`, as Flink), DATE ↔ TIMESTAMP_LTZ (local midnight) and
 * TIMESTAMP_LTZ → TIME. Wall clocks in a daylight-saving gap move forward; repeated ones take the earlier instant.
 */
import { ExecutionError } from '../../common/errors.js';
import { formatTimestamp, MILLIS_PER_DAY, parseTimestamp } from '../../common/time.js';
import { instantToWall, wallToInstant } from '../../common/time-zone.js';
import { formatType, type DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';

type CastFunction = (value: Value) => Value;

function truncate(millis: number, precision: number): number {
  if (precision >= 3) return millis;
  const unit = 10 ** (3 - precision);
  return millis - (((millis % unit) + unit) % unit);
}

/** The cast when `from` or `to` is TIMESTAMP_LTZ; undefined otherwise (or for a pair the binder refuses). */
export function zoneCastFunction(from: DataType, to: DataType, zone: string): CastFunction | undefined {
  if (to.kind === 'TIMESTAMP_LTZ') {
    const precision = to.precision;
    switch (from.kind) {
      case 'TIMESTAMP_LTZ': return (v) => truncate(v as number, precision);
      case 'TIMESTAMP': return (v) => truncate(wallToInstant(zone, v as number), precision);
      case 'DATE': return (v) => wallToInstant(zone, (v as number) * MILLIS_PER_DAY);
      case 'STRING':
        return (v) => {
          const wall = parseTimestamp(v as string);
          if (wall === undefined) throw new ExecutionError(`Cannot cast '${String(v)}' to ${formatType(to)}`);
          return truncate(wallToInstant(zone, wall), precision);
        };
      default: return undefined;
    }
  }
  if (from.kind !== 'TIMESTAMP_LTZ') return undefined;
  const wallOf = (v: Value): number => instantToWall(zone, v as number);
  switch (to.kind) {
    case 'TIMESTAMP': return (v) => truncate(wallOf(v), to.precision);
    case 'STRING': return (v) => formatTimestamp(wallOf(v), from.precision);
    case 'DATE': return (v) => Math.floor(wallOf(v) / MILLIS_PER_DAY);
    case 'TIME': {
      const precision = to.precision;
      return (v) => {
        const wall = wallOf(v);
        return truncate(wall - Math.floor(wall / MILLIS_PER_DAY) * MILLIS_PER_DAY, precision);
      };
    }
    default: return undefined;
  }
}
