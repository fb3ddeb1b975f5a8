/**
 * Time-zone arithmetic for TIMESTAMP_LTZ, with the Intl API (the IANA database that ships with Node): the offset of
 * a zone at an instant, an instant's wall clock, and a wall clock's instant with java.time's rules for the hours a
 * daylight-saving change skips (a wall time in the gap moves forward by the gap: 02:30 on a spring-forward night is
 * 03:30 summer time) or repeats (the earlier instant, summer time).
 */
import { PlanError } from './errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone the process runs in (the TZ environment variable, else the system's): Flink's 'default'. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A fixed offset as Flink (java.time's ZoneId) writes one: `GMT+08:00`, `GMT-8`, `UTC+05:30`, `+08:00`; the
 * canonical form is `GMT+08:00`. Node 20's Intl knows no such ids, so their offset is computed here.
 */
const FIXED_OFFSET = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

function fixedOffsetZone(zone: string): string | undefined {
  const match = FIXED_OFFSET.exec(zone);
  if (!match) return undefined;
  const [, sign, hours, minutes = '00'] = match;
  if (Number(hours) > 18 || Number(minutes) > 59) return undefined;
  return `GMT${sign}${hours!.padStart(2, '0')}:${minutes}`;
}

/** Milliseconds of a canonical fixed-offset zone (`GMT+08:00`), or undefined for any other id. */
function fixedOffsetOf(zone: string): number | undefined {
  if (!zone.startsWith('GMT+') && !zone.startsWith('GMT-')) return undefined;
  const sign = zone[3] === '-' ? -1 : 1;
  return sign * (Number(zone.slice(4, 6)) * 3_600_000 + Number(zone.slice(7, 9)) * 60_000);
}

/**
 * The canonical name of a zone id ('UTC', 'Europe/Berlin', 'GMT+08:00'), or undefined if it is neither a fixed
 * offset nor a zone Intl knows.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  const fixed = fixedOffsetZone(zone);
  if (fixed !== undefined) return fixed;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The zone of a 'table.local-time-zone' value: 'default' is the process's zone; an unknown id is a PlanError. */
export function resolveTimeZone(setting: string): string {
  const value = setting.trim();
  if (value === '' || value.toLowerCase() === 'default') return systemTimeZone();
  const zone = canonicalTimeZone(value);
  if (zone === undefined) throw new PlanError(`Unknown time zone '${setting}' (use an IANA id such as 'Europe/Berlin', 'UTC' or an offset such as 'GMT+08:00')`);
  return zone;
}

const BUCKET = 900_000; // 15 minutes
const MAX_CACHED = 100_000;
const bucketOffsets = new Map<string, number>();

/**
 * Milliseconds to add to an instant to get its wall clock in `zone`. Offsets are cached per 15-minute bucket when
 * the bucket's first and last second have the same offset (no transition inside it).
 */
export function zoneOffsetAt(zone: string, instant: number): number {
  if (zone === 'UTC') return 0;
  const fixed = fixedOffsetOf(zone);
  if (fixed !== undefined) return fixed;
  const bucket = Math.floor(instant / BUCKET);
  const key = `${zone}@${bucket}`;
  const cached = bucketOffsets.get(key);
  if (cached !== undefined) return cached;
  const offset = computeOffset(zone, instant);
  const start = bucket * BUCKET;
  if (computeOffset(zone, start) === offset && computeOffset(zone, start + BUCKET - 1000) === offset) {
    if (bucketOffsets.size >= MAX_CACHED) bucketOffsets.clear();
    bucketOffsets.set(key, offset);
  }
  return offset;
}

function computeOffset(zone: string, instant: number): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatterFor(zone).formatToParts(new Date(seconds))) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - fields['year']! : fields['year']!;
  const wall = Date.UTC(year, fields['month']! - 1, fields['day'], fields['hour'], fields['minute'], fields['second']);
  // Date.UTC maps years 0–99 to 1900–1999.
  const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return fixed - seconds;
}

/** The wall clock (milliseconds of a TIMESTAMP) of an instant in `zone`. */
export function instantToWall(zone: string, instant: number): number {
  return instant + zoneOffsetAt(zone, instant);
}

const DAY = 86_400_000;

/** The instant of a wall clock in `zone` (java.time's `LocalDateTime.atZone(zone).toInstant()`). */
export function wallToInstant(zone: string, wall: number): number {
  if (zone === 'UTC') return wall;
  const before = zoneOffsetAt(zone, wall - DAY);
  const after = zoneOffsetAt(zone, wall + DAY);
  const early = wall - before;
  if (zoneOffsetAt(zone, early) === before) return early; // valid, and the earlier of two in an overlap
  const late = wall - after;
  if (zoneOffsetAt(zone, late) === after) return late;
  return wall - before; // in a gap: moved forward by the gap's length
}

/** Flink's JSON/CSV text of a TIMESTAMP_LTZ: the UTC wall clock, fraction digits only as needed, and `Z`. */
export function formatInstantText(instant: number): string {
  const iso = new Date(instant).toISOString(); // yyyy-MM-ddTHH:mm:ss.SSSZ
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** Java's `Instant.toString` (what Flink's print sink shows for TIMESTAMP_LTZ): `2024-06-01T00:00:00Z`, `…:00.500Z`. */
export function javaInstantText(instant: number): string {
  const iso = new Date(instant).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

const INSTANT_TEXT = /^(.*\d)\s*Z$/i;

/** Milliseconds of a `yyyy-MM-dd HH:mm:ss[.SSS]Z` (or `T`-separated) UTC text; undefined if malformed. */
export function parseInstantText<T extends number | bigint>(text: string, parseWall: (wall: string) => T | undefined): T | undefined {
  const match = INSTANT_TEXT.exec(text.trim());
  return match ? parseWall(match[1]!.replace('T', ' ')) : undefined;
}
