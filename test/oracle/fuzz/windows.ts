/**
 * Random windows for the fuzzer: window TVF calls (TUMBLE and HOP with or without an offset, CUMULATE, SESSION with
 * or without PARTITION BY) and the legacy group window functions, with sizes that Flink accepts (a HOP slide divides
 * its size, a CUMULATE step divides its maximum size).
 */
import type { Random } from './random.js';

export type WindowKind = 'TUMBLE' | 'HOP' | 'CUMULATE' | 'SESSION';

export interface WindowTvf {
  readonly kind: WindowKind;
  /** `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …))`. */
  readonly sql: string;
  /** SESSION … PARTITION BY these columns (they must be grouped on). */
  readonly partitionKeys: readonly string[];
}

const seconds = (n: number): string => `INTERVAL '${n}' SECOND`;

const TUMBLE_SIZES = [1, 2, 5, 10, 30, 60];
/** [slide, size]. */
const HOP_SIZES: readonly (readonly [number, number])[] = [[1, 2], [1, 5], [2, 4], [2, 10], [5, 10], [5, 15], [10, 30], [15, 60]];
/** [step, max size]. */
const CUMULATE_SIZES: readonly (readonly [number, number])[] = [[1, 3], [2, 6], [5, 10], [5, 30], [10, 60]];
const SESSION_GAPS = [1, 2, 3, 5, 10];
const ALL_KINDS: readonly WindowKind[] = ['TUMBLE', 'TUMBLE', 'HOP', 'CUMULATE', 'SESSION'];

/** Sometimes an offset smaller than the size, positive or negative. */
function offset(random: Random, size: number): string {
  if (size < 2 || !random.chance(0.1)) return '';
  const magnitude = random.int(1, size - 1);
  return `, ${seconds(random.chance(0.5) ? magnitude : -magnitude)}`;
}

export interface WindowOptions {
  /** The table expression windowed: `t` or a view. */
  readonly source?: string;
  /** Which kinds may be drawn (default all). */
  readonly kinds?: readonly WindowKind[];
  /** Keys the SESSION may be partitioned by. */
  readonly partitionCandidates?: readonly string[];
}

export function randomWindowTvf(random: Random, options: WindowOptions = {}): WindowTvf {
  const source = options.source ?? 't';
  const kind: WindowKind = random.pick(options.kinds ?? ALL_KINDS);
  const table = `TABLE ${source}`;
  switch (kind) {
    case 'TUMBLE': {
      const size = random.pick(TUMBLE_SIZES);
      return { kind, sql: `TABLE(TUMBLE(${table}, DESCRIPTOR(ts), ${seconds(size)}${offset(random, size)}))`, partitionKeys: [] };
    }
    case 'HOP': {
      const [slide, size] = random.pick(HOP_SIZES);
      return { kind, sql: `TABLE(HOP(${table}, DESCRIPTOR(ts), ${seconds(slide)}, ${seconds(size)}${offset(random, slide)}))`, partitionKeys: [] };
    }
    case 'CUMULATE': {
      const [step, max] = random.pick(CUMULATE_SIZES);
      return { kind, sql: `TABLE(CUMULATE(${table}, DESCRIPTOR(ts), ${seconds(step)}, ${seconds(max)}))`, partitionKeys: [] };
    }
    default: {
      const gap = random.pick(SESSION_GAPS);
      const candidates = options.partitionCandidates ?? [];
      const partitionKeys = candidates.length > 0 && random.chance(0.5) ? random.sample(candidates, random.int(1, candidates.length)) : [];
      // Several keys need parentheses in Flink: `PARTITION BY k1, k2` reads k2 as the next TVF argument.
      const partition = partitionKeys.length === 0 ? '' : partitionKeys.length === 1
        ? ` PARTITION BY ${partitionKeys[0]!}` : ` PARTITION BY (${partitionKeys.join(', ')})`;
      return { kind, sql: `TABLE(SESSION(${table}${partition}, DESCRIPTOR(ts), ${seconds(gap)}))`, partitionKeys };
    }
  }
}

export interface LegacyGroupWindow {
  /** `TUMBLE(ts, INTERVAL '5' SECOND)`, for GROUP BY. */
  readonly groupBy: string;
  /** The start / end columns: `TUMBLE_START(ts, INTERVAL '5' SECOND)`. */
  readonly start: string;
  readonly end: string;
}

export function randomLegacyGroupWindow(random: Random): LegacyGroupWindow {
  const kind = random.pick(['TUMBLE', 'HOP', 'SESSION'] as const);
  let args: string;
  if (kind === 'TUMBLE') args = seconds(random.pick(TUMBLE_SIZES));
  else if (kind === 'HOP') {
    const [slide, size] = random.pick(HOP_SIZES);
    args = `${seconds(slide)}, ${seconds(size)}`;
  } else args = seconds(random.pick(SESSION_GAPS));
  return { groupBy: `${kind}(ts, ${args})`, start: `${kind}_START(ts, ${args})`, end: `${kind}_END(ts, ${args})` };
}
