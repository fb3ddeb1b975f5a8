/**
 * GROUPING SETS inside the aggregate operators: a row is aggregated once per set, with the keys outside the set
 * replaced by NULL, under a key that includes the set's number (so a real NULL key and a grouped-away key never
 * share an accumulator). Without sets, one plain key.
 */
import type { Value } from '../../common/values.js';
import { encodeKey } from '../keys.js';

export interface GroupedKey {
  /** The key values as output: grouped-away keys NULL, then the set number (as BIGINT) when there are sets. */
  readonly values: Value[];
  readonly encoded: string;
}

export class GroupingSetExpander {
  constructor(private readonly sets: readonly (readonly number[])[] | undefined) {}

  /** Output columns the keys take: the keys, plus one for the set number when there are sets. */
  keyWidth(keyCount: number): number {
    return keyCount + (this.sets ? 1 : 0);
  }

  expand(keys: readonly Value[]): GroupedKey[] {
    if (!this.sets) {
      const values = keys.slice();
      return [{ values, encoded: encodeKey(values) }];
    }
    return this.sets.map((set, index) => {
      const values: Value[] = keys.map((k, i) => (set.includes(i) ? k : null));
      values.push(BigInt(index));
      return { values, encoded: encodeKey(values) };
    });
  }
}
