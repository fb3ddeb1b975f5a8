/**
 * The kafka source: one kafkajs consumer reads every partition of the table's topics (each partition a split
 * with its own watermark, see `SourceSplitChannel`), starting where `scan.startup.mode` says (the consumer seeks
 * every partition explicitly, so offsets committed to the group matter only for 'group-offsets'). With
 * `scan.bounded.mode` = 'latest-offset' it stops at the end offsets of when it started, like a file.
 *
 * Group: `properties.group.id`, or a fresh `sluice-<table>-<uuid>` group. Offsets are committed to a named group
 * (for monitoring and a later 'group-offsets' start, as Flink does without checkpoints) unless
 * `properties.enable.auto.commit` is 'false'; a fresh group commits nothing. One job per group id: a second
 * member joining the group would take partitions away.
 *
 * Checkpoints: the position is the next offset of every partition after the last batch yielded (offsets of
 * malformed records and tombstones included). A restored source seeks each partition it has a position for there,
 * whatever the startup mode; partitions new since the checkpoint start as the startup mode says.
 */
import { randomUUID } from 'node:crypto';
import type { RecordBatch } from 'apache-arrow';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ConnectorError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { sourceSplitChannel, type SourceContext, type SourceReader, type SourceSplitChannel } from '../../runtime/connector.js';
import { RowBatcher } from '../row-batcher.js';
import { createKafka, kafkaErrorText } from './client.js';
import type { KafkaMetadataKey, KafkaSourceOptions, RecordLayout } from './options.js';
import { planPartitions, recordLocation, type PartitionPlan } from './partition-plan.js';
import { RecordFeed, type FeedEvent } from './record-feed.js';
import { DeadLetters } from './dead-letters.js';

/** Records buffered between kafkajs and the job before kafkajs waits. */
const FEED_CAPACITY = 20_000;

/** A checkpoint position: the next offset to read, per partition (offsets as decimal text: they are int64). */
interface KafkaPosition {
  readonly partitions: readonly { readonly topic: string; readonly partition: number; readonly offset: string }[];
}

export class KafkaSource implements SourceReader {
  /** Next offset per split after the last batch yielded; before the first, the start offsets. */
  private yielded: { readonly plan: PartitionPlan; offset: number }[] = [];
  private startPosition: KafkaPosition | undefined;

  constructor(private readonly options: KafkaSourceOptions, private readonly schema: Schema) {}

  snapshotPosition(): KafkaPosition {
    if (this.yielded.length === 0 && this.startPosition) return this.startPosition;
    return { partitions: this.yielded.map(({ plan, offset }) => ({ topic: plan.topic, partition: plan.partition, offset: String(offset) })) };
  }

  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    // Registered before the first await, so a second reader of the same table in this job is noticed in time.
    const channel = sourceSplitChannel(context.metrics);
    channel.register();
    const kafka = createKafka(this.options.properties, `sluice-${this.options.table}`);
    this.startPosition = context.startPosition as KafkaPosition | undefined;
    const plans = resumeAt(await this.plan(kafka), this.startPosition);
    this.yielded = plans.map((plan) => ({ plan, offset: plan.start }));
    const ended = new Set(plans.filter((p) => p.end !== undefined && p.start >= p.end).map((p) => p.split));
    channel.announce(plans.map((p) => ({ id: p.split, name: `${p.topic}/${p.partition}` })), this.options.idleTimeoutMs, [...ended]);
    if (this.options.bounded && ended.size === plans.length) return;
    const feed = new RecordFeed(FEED_CAPACITY);
    const consumer = await this.startConsumer(kafka, plans, ended, feed);
    const deadLetters = this.options.deadLetterTopic === undefined
      ? undefined
      : new DeadLetters(kafka, this.options.deadLetterTopic, this.options.table, (what, error) => this.clientError(what, error));
    try {
      yield* this.batches(context, channel, feed, plans, ended, deadLetters);
    } finally {
      feed.close();
      await consumer.disconnect().catch(() => undefined);
      await deadLetters?.close();
    }
  }

  private async plan(kafka: Kafka): Promise<PartitionPlan[]> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      return await planPartitions(admin, this.options);
    } catch (error) {
      throw this.clientError('cannot read partition offsets', error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private clientError(what: string, error: unknown): ConnectorError {
    if (error instanceof ConnectorError) return error;
    const brokers = this.options.properties.optional('bootstrap.servers') ?? '';
    return new ConnectorError(`Table '${this.options.table}': ${what} (brokers ${brokers}): ${kafkaErrorText(error)}`, { cause: error });
  }

  private async startConsumer(kafka: Kafka, plans: readonly PartitionPlan[], ended: ReadonlySet<number>, feed: RecordFeed): Promise<Consumer> {
    const groupId = this.options.groupId ?? `sluice-${this.options.table}-${randomUUID()}`;
    const consumer = kafka.consumer(this.options.properties.consumerConfig(groupId));
    const byPartition = new Map(plans.map((p) => [`${p.topic}\u0000${p.partition}`, p]));
    const next = new Map(plans.map((p) => [p.split, p.start]));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...new Set(plans.map((p) => p.topic))], fromBeginning: true });
      // kafkajs restarts the consumer after retriable errors (e.g. the group coordinator not ready yet); others end the job.
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) feed.fail(this.clientError('the consumer failed', event.payload.error));
      });
      // On every (re)join, position each partition where this source stands: its start offset, later the offset after
      // the last record it took. kafkajs applies seeks before its next fetch and drops fetches made before them.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const plan of plans) consumer.seek({ topic: plan.topic, partition: plan.partition, offset: String(next.get(plan.split)) });
        const finished = plans.filter((p) => ended.has(p.split));
        for (const topic of new Set(finished.map((p) => p.topic))) {
          consumer.pause([{ topic, partitions: finished.filter((p) => p.topic === topic).map((p) => p.partition) }]);
        }
      });
      consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
        const plan = byPartition.get(`${event.payload.topic}\u0000${event.payload.partition}`);
        if (plan?.end !== undefined && !ended.has(plan.split) && Number(event.payload.lastOffset) >= plan.end - 1) feed.push({ kind: 'end', plan });
      });
      const autoCommit = this.options.groupId !== undefined && this.options.properties.boolean('enable.auto.commit', true);
      const autoCommitInterval = this.options.properties.integer('auto.commit.interval.ms', 1);
      await consumer.run({
        autoCommit,
        ...(autoCommitInterval === undefined ? {} : { autoCommitInterval }),
        eachBatchAutoResolve: true,
        eachBatch: async (payload: EachBatchPayload) => {
          if (payload.isStale()) return;
          const { batch } = payload;
          const plan = byPartition.get(`${batch.topic}\u0000${batch.partition}`);
          if (!plan) return;
          const from = next.get(plan.split)!;
          const until = plan.end ?? Number.POSITIVE_INFINITY;
          const messages = batch.messages.filter((m) => { const o = Number(m.offset); return o >= from && o < until; });
          if (messages.length === 0) return;
          next.set(plan.split, Number(messages[messages.length - 1]!.offset) + 1);
          feed.push({ kind: 'records', plan, messages });
          await feed.waitForSpace(payload.heartbeat, () => !payload.isRunning() || payload.isStale());
        },
      });
      return consumer;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw this.clientError('cannot start the consumer', error);
    }
  }

  private async *batches(
    context: SourceContext,
    channel: SourceSplitChannel,
    feed: RecordFeed,
    plans: readonly PartitionPlan[],
    ended: Set<number>,
    deadLetters: DeadLetters | undefined,
  ): AsyncGenerator<RecordBatch> {
    const batcher = new RowBatcher(this.schema, context.batchSize);
    const decoder = new RecordDecoder(this.options.table, this.options.layout, this.schema.fields.length);
    let rowSplits: number[] = [];
    let finishedAfter: number[] = [];
    // Next offset per split, as far as records went into the batch being built.
    const consumed = new Map(plans.map((p) => [p.split, p.start]));
    const emit = (batch: RecordBatch): RecordBatch => {
      channel.push(Int32Array.from(rowSplits), finishedAfter);
      rowSplits = [];
      finishedAfter = [];
      context.metrics.recordsRead += batch.numRows;
      for (const entry of this.yielded) entry.offset = consumed.get(entry.plan.split) ?? entry.offset;
      return batch;
    };
    for (;;) {
      if (context.signal.aborted) return;
      const event: FeedEvent | undefined = feed.poll();
      if (event === undefined) {
        const partial = batcher.flush();
        if (partial) yield emit(partial);
        if (this.options.bounded && ended.size === plans.length) return;
        await feed.waitForEvent(context.signal);
        continue;
      }
      if (event.kind === 'end') {
        ended.add(event.plan.split);
        finishedAfter.push(event.plan.split);
        continue;
      }
      const { plan } = event;
      for (const message of event.messages) {
        consumed.set(plan.split, Number(message.offset) + 1);
        const values = decoder.decode(plan, message);
        if (values === undefined) continue;
        if (values instanceof ConnectorError) {
          if (deadLetters) await deadLetters.send(message, plan, values);
          else if (!decoder.ignoresParseErrors) throw values;
          context.metrics.malformedRecords++;
          continue;
        }
        rowSplits.push(plan.split);
        const full = batcher.add(values);
        if (full) yield emit(full);
      }
    }
  }
}

/** The partition plans with start offsets taken from a checkpoint position where it has one. */
function resumeAt(plans: PartitionPlan[], position: KafkaPosition | undefined): PartitionPlan[] {
  if (!position) return plans;
  const offsets = new Map(position.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, Number(p.offset)]));
  return plans.map((plan) => {
    const offset = offsets.get(`${plan.topic}\u0000${plan.partition}`);
    return offset === undefined ? plan : { ...plan, start: offset };
  });
}

/** A METADATA column's value for one record. */
function metadataValue(key: KafkaMetadataKey, plan: PartitionPlan, message: KafkaMessage): Value {
  switch (key) {
    case 'topic':
      return plan.topic;
    case 'partition':
      return plan.partition;
    case 'offset':
      return BigInt(message.offset);
    case 'timestamp':
      return Number(message.timestamp);
  }
}

/** Decodes a record's key and value into a row of physical columns. */
class RecordDecoder {
  readonly ignoresParseErrors: boolean;

  constructor(private readonly table: string, private readonly layout: RecordLayout, private readonly width: number) {
    this.ignoresParseErrors = layout.value.ignoreParseErrors || (layout.key?.ignoreParseErrors ?? false);
  }

  /** The row; undefined for a tombstone (null value), skipped as Flink does; or why the record is malformed. */
  decode(plan: PartitionPlan, message: KafkaMessage): Value[] | ConnectorError | undefined {
    const { key, value, offset } = message;
    if (value === null) return undefined;
    const location = recordLocation(plan.topic, plan.partition, offset);
    const row = new Array<Value>(this.width).fill(null);
    const { layout } = this;
    const values = layout.value.decode(value, location);
    if (values instanceof ConnectorError) return values;
    for (let i = 0; i < layout.valueColumns.length; i++) row[layout.valueColumns[i]!] = values[i] ?? null;
    if (layout.key) {
      if (key === null) return new ConnectorError(`Table '${this.table}': the record has no key, but 'key.fields' expects one`, { location });
      const keyValues = layout.key.decode(key, location);
      if (keyValues instanceof ConnectorError) return keyValues;
      for (let i = 0; i < layout.keyColumns.length; i++) row[layout.keyColumns[i]!] = keyValues[i] ?? null;
    }
    for (const { index, key: metadataKey } of layout.metadataColumns) row[index] = metadataValue(metadataKey, plan, message);
    return row;
  }
}
