/**
 * Which partitions a kafka source reads and from where: topics resolved (list or pattern), one split per
 * (topic, partition) in topic then partition order, the start offset of each by `scan.startup.mode`, and for
 * `scan.bounded.mode` = 'latest-offset' the end offset (the high watermark when the job starts; exclusive).
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

/** `topic bids partition 3 offset 1200`: the location of a record in error messages. */
export function recordLocation(topic: string, partition: number, offset: string | number): string {
  return `topic ${topic} partition ${partition} offset ${offset}`;
}

async function resolveTopics(admin: Admin, options: KafkaSourceOptions): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  if (options.topics.kind === 'pattern') {
    const pattern = options.topics.pattern;
    const matching = [...existing].filter((t) => pattern.test(t)).sort();
    if (matching.length === 0) throw new ConnectorError(`Table '${options.table}': no topic matches 'topic-pattern' ${pattern.source.slice(4, -2)}`);
    return matching;
  }
  for (const topic of options.topics.topics) {
    if (!existing.has(topic)) throw new ConnectorError(`Table '${options.table}': topic '${topic}' does not exist`, { hint: 'create it first; the kafka source does not create topics' });
  }
  return [...new Set(options.topics.topics)].sort();
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

export async function planPartitions(admin: Admin, options: KafkaSourceOptions): Promise<PartitionPlan[]> {
  const topics = await resolveTopics(admin, options);
  const plans: PartitionPlan[] = [];
  for (const topic of topics) {
    const watermarks = (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition);
    const byTimestamp = options.startupMode === 'timestamp' ? await admin.fetchTopicOffsetsByTimestamp(topic, options.startupTimestamp) : [];
    const committed = options.startupMode === 'group-offsets' || options.startupMode === 'specific-offsets'
      ? await committedOffsets(admin, options.groupId, topic)
      : new Map<number, number>();
    for (const { partition, low, high } of watermarks) {
      const [lowest, highest] = [Number(low), Number(high)];
      const start = startOffset(options, topic, partition, lowest, highest, committed, byTimestamp);
      plans.push({ topic, partition, split: plans.length, start: Math.min(Math.max(start, lowest), highest), end: options.bounded ? highest : undefined });
    }
  }
  return plans;
}

function startOffset(
  options: KafkaSourceOptions, topic: string, partition: number, low: number, high: number,
  committed: ReadonlyMap<number, number>, byTimestamp: readonly { partition: number; offset: string }[],
): number {
  switch (options.startupMode) {
    case 'earliest-offset': return low;
    case 'latest-offset': return high;
    case 'timestamp': return Number(byTimestamp.find((p) => p.partition === partition)?.offset ?? high);
    case 'specific-offsets': {
      const given = options.specificOffsets.get(partition);
      return given !== undefined ? Number(given) : committed.get(partition) ?? low;
    }
    case 'group-offsets': {
      const offset = committed.get(partition);
      if (offset !== undefined) return offset;
      const reset = options.properties.optional('auto.offset.reset')?.trim().toLowerCase() ?? 'none';
      if (reset === 'earliest') return low;
      if (reset === 'latest') return high;
      throw new ConnectorError(
        `Table '${options.table}': consumer group '${options.groupId}' has no committed offset for topic ${topic} partition ${partition}`,
        { hint: "set 'properties.auto.offset.reset' to 'earliest' or 'latest', or choose another 'scan.startup.mode'" },
      );
    }
  }
}
