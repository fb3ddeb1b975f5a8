/**
 * The partition-time commit trigger's clock (Flink's DefaultPartTimeExtractor and PartitionTimeCommitTrigger): a
 * partition's time is read from its values — the first partition value, or `'partition.time-extractor.timestamp-
 * pattern'` with `$column` replaced by each column's value (`'$dt $hr:00:00'`) — as a date-time in the
 * `'partition.time-extractor.timestamp-formatter'` pattern (default: lenient `yyyy-MM-dd[ HH:mm[:ss]]`; a pattern
 * of `yyyy MM dd HH mm ss` and literals, where a date alone means midnight), in the zone
 * `'sink.partition-commit.watermark-time-zone'` (default UTC). The partition is committed once the watermark is past
 * that time plus the commit delay.
 */
import { ConnectorError } from '../../common/errors.js';
import { wallToInstant } from '../../common/time-zone.js';
import { parsePartitionSegment } from './partitions.js';

export interface PartitionTimeExtractor {
  readonly pattern: string | null;
  /** The formatter as a regular expression with named groups y, M, d, H, m, s; null: the lenient default. */
  readonly formatter: { readonly text: string; readonly regex: RegExp } | null;
  readonly zone: string;
}

const LENIENT = /^(?<y>\d{4})-(?<M>\d{1,2})-(?<d>\d{1,2})(?:[ T](?<H>\d{1,2}):(?<m>\d{1,2})(?::(?<s>\d{1,2})(?:\.\d+)?)?)?$/;
const FIELDS: Readonly<Record<string, string>> = { yyyy: 'y', MM: 'M', dd: 'd', HH: 'H', mm: 'm', ss: 's' };

/** Compiles a Java DateTimeFormatter pattern of yyyy, MM, dd, HH, mm, ss and literals; null for anything else. */
export function compileFormatter(pattern: string): RegExp | null {
  let source = '';
  for (let i = 0; i < pattern.length;) {
    const token = Object.keys(FIELDS).find((t) => pattern.startsWith(t, i));
    if (token !== undefined) {
      source += `(?<${FIELDS[token]!}>\\d{${token.length}})`;
      i += token.length;
      continue;
    }
    const char = pattern[i]!;
    if (/[A-Za-z]/.test(char)) return null;
    source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${source}$`);
}

/** The partition time (epoch milliseconds) of the partition at `directory` (`dt=2024-01-01/hr=10`). */
export function partitionTime(extractor: PartitionTimeExtractor, directory: string): number {
  const values = new Map<string, string>();
  for (const segment of directory.split('/')) {
    const parsed = parsePartitionSegment(segment);
    if (parsed) values.set(parsed.name, parsed.value);
  }
  const text = extractor.pattern === null
    ? [...values.values()][0] ?? ''
    : extractor.pattern.replace(/\$(\w+)/g, (whole, name: string) => values.get(name) ?? whole);
  const match = (extractor.formatter?.regex ?? LENIENT).exec(text);
  if (match?.groups === undefined) {
    throw new ConnectorError(`Partition '${directory}': '${text}' is not a time in the pattern '${extractor.formatter?.text ?? 'yyyy-MM-dd[ HH:mm[:ss]]'}'`, {
      hint: "set 'partition.time-extractor.timestamp-pattern' (e.g. '$dt $hr:00:00') and 'partition.time-extractor.timestamp-formatter'",
    });
  }
  const g = match.groups;
  const part = (name: string, fallback: number): number => Number(g[name] ?? fallback);
  const wall = Date.UTC(part('y', 1970), part('M', 1) - 1, part('d', 1), part('H', 0), part('m', 0), part('s', 0));
  return wallToInstant(extractor.zone, wall);
}
