/**
 * Which partitions a kafka source reads and from where: topics resolved (list or pattern), one split per
 * (topic, partition) in topic then partition order, the start offset of each by `scan.startup.mode`, and the
 * (exclusive) end offset by `scan.bounded.mode`, all resolved once when the job starts:
 *
 * - `latest-offset`: the partition's end (high watermark) of now;
 * - `timestamp`: the first offset whose record timestamp is ≥ `scan.bounded.timestamp-millis`, else the end of now;
 * - `specific-offsets`: the offset given for the partition, else the group's committed offset, else the earliest
 *   offset (Flink's `OffsetsInitializer.offsets`); an offset beyond the end waits for records up to it;
 * - `group-offsets`: the group's committed offset (an error naming the partition when there is none, as in Flink).
 *
 * A restored source (a checkpoint position) keeps, for the partitions the position knows, its offset, split id and
 * end offset, so a restored bounded job stops where the first run would have; partitions the position does not
 * know are new since the checkpoint and start at the earliest offset (as Flink's discovered partitions do).
 */
import type { Admin } from 'kafkajs';
import { ConnectorError } from '../../common/errors.js';
import type { KafkaSourceOptions } from './options.js';

export interface PartitionPlan {
  readonly topic: string;
  readonly partition: number;
  /** The split id shown in SHOW WATERMARKS: the index in (topic, partition) order; the partition for one topic. */
  readonly split: number;
  readonly start: number;
  /** Exclusive end offset for bounded reads. */
  readonly end: number | undefined;
}

/** A checkpoint position: per partition the next offset to read (int64 as decimal text), its split and end. */
export interface KafkaPosition {
  readonly partitions: readonly PartitionPosition[];
}

export interface PartitionPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Absent in positions written before splits were stored (then split ids follow the plan). */
  readonly split?: number;
  /** The exclusive end offset of a bounded read. */
  readonly end?: string;
}

/** A partition's earliest and end offsets of now. */
export interface PartitionRange {
  readonly topic: string;
  readonly partition: number;
  readonly low: number;
  readonly high: number;
}

/** `topic bids partition 3 offset 1200`: the location of a record in error messages. */
export function recordLocation(topic: string, partition: number, offset: string | number): string {
  return `topic ${topic} partition ${partition} offset ${offset}`;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** The table's topics that exist now: the listed ones (an error if one is missing), or those matching the pattern. */
export async function resolveTopics(admin: Admin, options: KafkaSourceOptions, missingIsError: boolean): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  if (options.topics.kind === 'pattern') {
    const pattern = options.topics.pattern;
    const matching = [...existing].filter((t) => pattern.test(t)).sort();
    if (matching.length === 0 && missingIsError) throw new ConnectorError(`Table '${options.table}': no topic matches 'topic-pattern' ${pattern.source.slice(4, -2)}`);
    return matching;
  }
  for (const topic of options.topics.topics) {
    if (!existing.has(topic) && missingIsError) throw new ConnectorError(`Table '${options.table}': topic '${topic}' does not exist`, { hint: 'create it first; the kafka source does not create topics' });
  }
  return [...new Set(options.topics.topics)].filter((t) => existing.has(t)).sort();
}

/** Earliest and end offsets of every partition of `topic`, in partition order. */
export async function partitionRanges(admin: Admin, topic: string): Promise<PartitionRange[]> {
  const offsets = (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition);
  return offsets.map(({ partition, low, high }) => ({ topic, partition, low: Number(low), high: Number(high) }));
}

async function committedOffsets(admin: Admin, groupId: string | undefined, topic: string): Promise<Map<number, number>> {
  const committed = new Map<number, number>();
  if (groupId === undefined) return committed;
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  for (const { partition, offset } of entry?.partitions ?? []) {
    const value = Number(offset);
    if (value >= 0) committed.set(partition, value);
  }
  return committed;
}

/** What the offset rules of one topic need from the broker, fetched only when a mode needs it. */
interface TopicOffsets {
  readonly committed: ReadonlyMap<number, number>;
  readonly startByTimestamp: ReadonlyMap<number, number>;
  readonly endByTimestamp: ReadonlyMap<number, number>;
}

async function topicOffsets(admin: Admin, options: KafkaSourceOptions, topic: string, needStart: boolean): Promise<TopicOffsets> {
  const byTimestamp = async (use: boolean, timestamp: number | undefined): Promise<Map<number, number>> =>
    use ? new Map((await admin.fetchTopicOffsetsByTimestamp(topic, timestamp)).map((p) => [p.partition, Number(p.offset)])) : new Map();
  const needsCommitted = (needStart && (options.startupMode === 'group-offsets' || options.startupMode === 'specific-offsets'))
    || options.boundedMode === 'group-offsets' || options.boundedMode === 'specific-offsets';
  return {
    committed: needsCommitted ? await committedOffsets(admin, options.groupId, topic) : new Map(),
    startByTimestamp: await byTimestamp(needStart && options.startupMode === 'timestamp', options.startupTimestamp),
    endByTimestamp: await byTimestamp(options.boundedMode === 'timestamp', options.boundedTimestamp),
  };
}

export async function planPartitions(admin: Admin, options: KafkaSourceOptions, position: KafkaPosition | undefined): Promise<PartitionPlan[]> {
  const topics = await resolveTopics(admin, options, true);
  const known = new Map((position?.partitions ?? []).map((p) => [partitionKey(p.topic, p.partition), p]));
  const restoredIds = (position?.partitions ?? []).every((p) => p.split !== undefined);
  let nextSplit = restoredIds ? Math.max(-1, ...(position?.partitions ?? []).map((p) => p.split!)) + 1 : 0;
  const plans: PartitionPlan[] = [];
  for (const topic of topics) {
    const ranges = await partitionRanges(admin, topic);
    const unknown = ranges.filter((r) => !known.has(partitionKey(topic, r.partition)));
    const needStart = position === undefined && unknown.length > 0;
    const needEnd = options.bounded && ranges.some((r) => known.get(partitionKey(topic, r.partition))?.end === undefined);
    const offsets = needStart || needEnd ? await topicOffsets(admin, options, topic, needStart) : undefined;
    for (const range of ranges) {
      const index = plans.length;
      const restored = known.get(partitionKey(topic, range.partition));
      const start = restored ? Number(restored.offset) : position ? range.low : startOffset(options, range, offsets!);
      const end = !options.bounded ? undefined : restored?.end !== undefined ? Number(restored.end) : endOffset(options, range, offsets!);
      const split = restoredIds ? (restored?.split ?? nextSplit++) : index;
      const clamped = restored ? start : Math.min(Math.max(start, range.low), range.high);
      plans.push({ topic, partition: range.partition, split, start: clamped, end });
    }
  }
  return plans;
}

function startOffset(options: KafkaSourceOptions, range: PartitionRange, offsets: TopicOffsets): number {
  const { partition, low, high } = range;
  switch (options.startupMode) {
    case 'earliest-offset': return low;
    case 'latest-offset': return high;
    case 'timestamp': return offsets.startByTimestamp.get(partition) ?? high;
    case 'specific-offsets': {
      const given = options.specificOffsets.get(partition);
      return given !== undefined ? Number(given) : offsets.committed.get(partition) ?? low;
    }
    case 'group-offsets': {
      const offset = offsets.committed.get(partition);
      if (offset !== undefined) return offset;
      const reset = options.properties.optional('auto.offset.reset')?.trim().toLowerCase() ?? 'none';
      if (reset === 'earliest') return low;
      if (reset === 'latest') return high;
      throw new ConnectorError(
        `Table '${options.table}': consumer group '${options.groupId}' has no committed offset for topic ${range.topic} partition ${partition}`,
        { hint: "set 'properties.auto.offset.reset' to 'earliest' or 'latest', or choose another 'scan.startup.mode'" },
      );
    }
  }
}

function endOffset(options: KafkaSourceOptions, range: PartitionRange, offsets: TopicOffsets): number | undefined {
  const { partition, low, high } = range;
  switch (options.boundedMode) {
    case 'unbounded': return undefined;
    case 'latest-offset': return high;
    case 'timestamp': return offsets.endByTimestamp.get(partition) ?? high;
    case 'specific-offsets': {
      const given = options.boundedSpecificOffsets.get(partition);
      return given !== undefined ? Number(given) : offsets.committed.get(partition) ?? low;
    }
    case 'group-offsets': {
      const offset = offsets.committed.get(partition);
      if (offset !== undefined) return offset;
      throw new ConnectorError(
        `Table '${options.table}': 'scan.bounded.mode' = 'group-offsets', but consumer group '${options.groupId}' has no committed offset for topic ${range.topic} partition ${partition}`,
        { hint: "commit offsets for every partition first, or choose another 'scan.bounded.mode'" },
      );
    }
  }
}
