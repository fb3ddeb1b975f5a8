/** Event times as Flink's SQL timestamp text, `yyyy-MM-dd HH:mm:ss.SSS` (UTC wall clock), fast for runs of close times. */

const MILLIS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export class TimestampText {
  private second = Number.NaN;
  private prefix = '';

  format(millis: number): string {
    const second = Math.floor(millis / 1000);
    if (second !== this.second) {
      const iso = new Date(second * 1000).toISOString(); // yyyy-MM-ddTHH:mm:ss.000Z
      this.prefix = `${iso.slice(0, 10)} ${iso.slice(11, 19)}.`;
      this.second = second;
    }
    return this.prefix + MILLIS[millis - second * 1000]!;
  }
}

const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** Parses `yyyy-MM-dd HH:mm:ss[.S…]` (UTC wall clock) to epoch milliseconds; undefined if it is not one. */
export function parseTimestampText(text: string): number | undefined {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac = ''] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
}
