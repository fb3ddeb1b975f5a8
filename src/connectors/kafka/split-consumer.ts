/**
 * The kafkajs consumer behind a kafka source: subscribes to the topics of the source's splits, positions every
 * partition where the source stands (kafkajs has no `assign()`, so the consumer joins a group and seeks on every
 * join) and pushes fetched records into the `RecordFeed`. Splits added later (partition discovery) are read by a
 * new consumer: `restart()` replaces the running one, which subscribed to the topics of its time.
 *
 * Bounded reads: records at or after a split's end offset are dropped; when a batch reaches the end, an 'end'
 * event follows the records and the partition is paused.
 */
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConnectorError } from '../../common/errors.js';
import type { KafkaSourceOptions } from './options.js';
import { partitionKey, type PartitionPlan } from './partition-plan.js';
import type { RecordFeed } from './record-feed.js';

export class SplitConsumer {
  private consumer: Consumer | undefined;
  private readonly plans: PartitionPlan[] = [];
  private readonly byPartition = new Map<string, PartitionPlan>();
  /** Per split, the offset after the last record pushed to the feed (where a (re)joined consumer seeks). */
  private readonly next = new Map<number, number>();
  /** Splits whose 'end' event is pushed, or that had nothing to read. */
  private readonly ended = new Set<number>();
  /**
   * Batches `take` dropped as stale (fetched before a seek took effect, e.g. from the group's committed offset): the
   * END_BATCH_PROCESS event kafkajs emits after them must not end their split.
   */
  private readonly staleBatches = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaSourceOptions,
    private readonly groupId: string,
    private readonly feed: RecordFeed,
    private readonly clientError: (what: string, error: unknown) => ConnectorError,
  ) {}

  /** Adds splits to read (their start offsets), `ended` those that have nothing to read; takes effect at the next start. */
  add(plans: readonly PartitionPlan[], ended: ReadonlySet<number>): void {
    for (const plan of plans) {
      this.plans.push(plan);
      this.byPartition.set(partitionKey(plan.topic, plan.partition), plan);
      this.next.set(plan.split, plan.start);
      if (ended.has(plan.split)) this.ended.add(plan.split);
    }
  }

  /** Whether (topic, partition) is one of the splits. */
  has(topic: string, partition: number): boolean {
    return this.byPartition.has(partitionKey(topic, partition));
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer(this.options.properties.consumerConfig(this.groupId));
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...new Set(this.plans.map((p) => p.topic))], fromBeginning: true });
      this.listen(consumer);
      const autoCommit = this.options.groupId !== undefined && this.options.properties.boolean('enable.auto.commit', true);
      const autoCommitInterval = this.options.properties.integer('auto.commit.interval.ms', 1);
      await consumer.run({
        autoCommit,
        ...(autoCommitInterval === undefined ? {} : { autoCommitInterval }),
        eachBatchAutoResolve: true,
        eachBatch: (payload) => this.take(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw this.clientError('cannot start the consumer', error);
    }
  }

  /** Replaces the running consumer by one that reads every split (after `add`); records already fed stay fed. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
  }

  private listen(consumer: Consumer): void {
    // kafkajs restarts the consumer after retriable errors (e.g. the group coordinator not ready yet); others end the job.
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart && this.consumer === consumer) this.feed.fail(this.clientError('the consumer failed', event.payload.error));
    });
    // On every (re)join, position each partition where this source stands: its start offset, later the offset after
    // the last record it took. kafkajs applies seeks before its next fetch and drops fetches made before them.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const plan of this.plans) consumer.seek({ topic: plan.topic, partition: plan.partition, offset: String(this.next.get(plan.split)) });
      this.pause(consumer, this.plans.filter((p) => this.ended.has(p.split)));
    });
    // A split ends when a batch read from its position reaches its end offset. The batch's last offset counts, not
    // its last record's: the end may be a transaction marker, which kafkajs reports only through this event.
    consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
      const { topic, partition, firstOffset, lastOffset } = event.payload;
      if (this.staleBatches.delete(batchKey(topic, partition, lastOffset))) return;
      const plan = this.byPartition.get(partitionKey(topic, partition));
      if (plan?.end === undefined || this.ended.has(plan.split) || Number(lastOffset) < plan.end - 1) return;
      // A batch that starts past the split's position was fetched from elsewhere (before a seek): it proves nothing.
      if (Number(firstOffset ?? lastOffset) > this.next.get(plan.split)!) return;
      this.ended.add(plan.split);
      this.feed.push({ kind: 'end', plan });
      this.pause(consumer, [plan]);
    });
  }

  private pause(consumer: Consumer, plans: readonly PartitionPlan[]): void {
    for (const topic of new Set(plans.map((p) => p.topic))) {
      consumer.pause([{ topic, partitions: plans.filter((p) => p.topic === topic).map((p) => p.partition) }]);
    }
  }

  private async take(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (payload.isStale()) {
      this.staleBatches.add(batchKey(batch.topic, batch.partition, batch.lastOffset()));
      return;
    }
    const plan = this.byPartition.get(partitionKey(batch.topic, batch.partition));
    if (!plan) return;
    const from = this.next.get(plan.split)!;
    const until = plan.end ?? Number.POSITIVE_INFINITY;
    const messages = batch.messages.filter((m) => { const o = Number(m.offset); return o >= from && o < until; });
    if (messages.length === 0) return;
    this.next.set(plan.split, Number(messages[messages.length - 1]!.offset) + 1);
    this.feed.push({ kind: 'records', plan, messages, highWatermark: Number(batch.highWatermark) });
    await this.feed.waitForSpace(payload.heartbeat, () => !payload.isRunning() || payload.isStale());
  }
}

/** Identifies a fetched batch between eachBatch and the END_BATCH_PROCESS event that follows it. */
function batchKey(topic: string, partition: number, lastOffset: string): string {
  return `${topic}\u0000${partition}\u0000${lastOffset}`;
}
