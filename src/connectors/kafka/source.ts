/**
 * The kafka source: one kafkajs consumer (`SplitConsumer`) reads every partition of the table's topics (each
 * partition a split with its own watermark, see `SourceSplitChannel`), starting where `scan.startup.mode` says (the
 * consumer seeks every partition explicitly, so offsets committed to the group matter only for 'group-offsets').
 * With `scan.bounded.mode` it stops at end offsets resolved when it started (see partition-plan.ts), like a file.
 *
 * Group: `properties.group.id`, or a fresh `sluice-<table>-<uuid>` group. Offsets are committed to a named group
 * (for monitoring and a later 'group-offsets' start, as Flink does without checkpoints) unless
 * `properties.enable.auto.commit` is 'false'; a fresh group commits nothing. One job per group id: a second
 * member joining the group would take partitions away.
 *
 * Partition discovery (unbounded reads, `'scan.topic-partition-discovery.interval'`): partitions that appear while
 * the job runs (new partitions of the topics, new topics matching the pattern) become new splits, read from their
 * earliest offset. Each is announced to the watermark assigner before any of its rows (see `SourceSplitChannel.
 * addSplits`): it holds the table's watermark where it is — never back — until its own watermark passes it or it
 * goes idle, as a split added to a Flink source reader does.
 *
 * Checkpoints: the position is the next offset of every partition after the last batch yielded (offsets of
 * malformed records and tombstones included), with its split id and, for bounded reads, its end offset. A restored
 * source seeks each partition it has a position for there, whatever the startup mode, and keeps its split id and
 * end; partitions new since the checkpoint start at the earliest offset.
 */
import { randomUUID } from 'node:crypto';
import type { RecordBatch } from 'apache-arrow';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { ConnectorError } from '../../common/errors.js';
import { RowKind, type Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { skipMalformed, sourceSplitChannel, type ChangelogBatch, type SourceContext, type SourceReader, type SourceSplitChannel } from '../../runtime/connector.js';
import { RowBatcher } from '../row-batcher.js';
import { createKafka, kafkaErrorText } from './client.js';
import type { KafkaMetadataKey, KafkaSourceOptions, RecordLayout } from './options.js';
import { planPartitions, recordLocation, type KafkaPosition, type PartitionPlan, type PartitionRange } from './partition-plan.js';
import { PartitionDiscovery } from './partition-discovery.js';
import { RecordFeed, type FeedEvent } from './record-feed.js';
import { DeadLetters } from './dead-letters.js';
import { SplitConsumer } from './split-consumer.js';

/** Records buffered between kafkajs and the job before kafkajs waits. */
const FEED_CAPACITY = 20_000;

export class KafkaSource implements SourceReader {
  /** Next offset per split after the last batch yielded; before the first, the start offsets. */
  private yielded: { readonly plan: PartitionPlan; offset: number }[] = [];
  private startPosition: KafkaPosition | undefined;

  constructor(private readonly options: KafkaSourceOptions, private readonly schema: Schema) {}

  snapshotPosition(): KafkaPosition {
    if (this.yielded.length === 0 && this.startPosition) return this.startPosition;
    return {
      partitions: this.yielded.map(({ plan, offset }) => ({
        topic: plan.topic, partition: plan.partition, offset: String(offset), split: plan.split,
        ...(plan.end === undefined ? {} : { end: String(plan.end) }),
      })),
    };
  }

  async *read(context: SourceContext): AsyncIterable<RecordBatch | ChangelogBatch> {
    // Registered before the first await, so a second reader of the same table in this job is noticed in time.
    const channel = sourceSplitChannel(context.metrics);
    channel.register();
    const kafka = createKafka(this.options.properties, `sluice-${this.options.table}`);
    this.startPosition = context.startPosition as KafkaPosition | undefined;
    const plans = await this.plan(kafka);
    this.yielded = plans.map((plan) => ({ plan, offset: plan.start }));
    const ended = new Set(plans.filter((p) => p.end !== undefined && p.start >= p.end).map((p) => p.split));
    channel.announce(plans.map((p) => ({ id: p.split, name: `${p.topic}/${p.partition}` })), this.options.idleTimeoutMs, [...ended]);
    if (this.options.bounded && ended.size === plans.length) return;
    const feed = new RecordFeed(FEED_CAPACITY);
    const reader = new SplitConsumer(kafka, this.options, this.options.groupId ?? `sluice-${this.options.table}-${randomUUID()}`, feed,
      (what, error) => this.clientError(what, error));
    reader.add(plans, ended);
    await reader.start();
    const discovery = new PartitionDiscovery(kafka, this.options, (topic, partition) => reader.has(topic, partition),
      (found) => this.addSplits(found, plans, channel, reader),
      (error) => feed.fail(this.clientError('partition discovery failed', error)));
    discovery.start();
    const deadLetters = this.options.deadLetterTopic === undefined
      ? undefined
      : new DeadLetters(kafka, this.options.deadLetterTopic, this.options.table, (what, error) => this.clientError(what, error));
    try {
      yield* this.batches(context, channel, feed, plans, ended, deadLetters);
    } finally {
      feed.close();
      await discovery.stop();
      await reader.stop();
      await deadLetters?.close();
    }
  }

  private async plan(kafka: Kafka): Promise<PartitionPlan[]> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      return await planPartitions(admin, this.options, this.startPosition);
    } catch (error) {
      throw this.clientError('cannot read partition offsets', error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * Discovered partitions: new splits (ids after the largest so far) from their earliest offset, announced to the
   * watermark assigner and part of the checkpoint position from now on, then read by a new consumer.
   */
  private async addSplits(found: readonly PartitionRange[], plans: PartitionPlan[], channel: SourceSplitChannel, reader: SplitConsumer): Promise<void> {
    let nextSplit = Math.max(-1, ...plans.map((p) => p.split)) + 1;
    const added = found.map(({ topic, partition, low }): PartitionPlan => ({ topic, partition, split: nextSplit++, start: low, end: undefined }));
    plans.push(...added);
    channel.addSplits(added.map((p) => ({ id: p.split, name: `${p.topic}/${p.partition}` })));
    this.yielded.push(...added.map((plan) => ({ plan, offset: plan.start })));
    reader.add(added, new Set());
    await reader.restart();
  }

  private clientError(what: string, error: unknown): ConnectorError {
    if (error instanceof ConnectorError) return error;
    const brokers = this.options.properties.optional('bootstrap.servers') ?? '';
    return new ConnectorError(`Table '${this.options.table}': ${what} (brokers ${brokers}): ${kafkaErrorText(error)}`, { cause: error });
  }

  private async *batches(
    context: SourceContext,
    channel: SourceSplitChannel,
    feed: RecordFeed,
    plans: readonly PartitionPlan[],
    ended: Set<number>,
    deadLetters: DeadLetters | undefined,
  ): AsyncGenerator<RecordBatch | ChangelogBatch> {
    const batcher = new RowBatcher(this.schema, context.batchSize);
    const decoder = new RecordDecoder(this.options.table, this.options.layout, this.schema.fields.length, this.options.upsert === true);
    // upsert-kafka: each row's kind (+U upsert, -D tombstone), parallel to the batcher's rows.
    let kinds: number[] = [];
    let rowSplits: number[] = [];
    let finishedAfter: number[] = [];
    // Next offset per split, as far as records went into the batch being built.
    const consumed = new Map(plans.map((p) => [p.split, p.start]));
    const emit = (batch: RecordBatch): RecordBatch | ChangelogBatch => {
      channel.push(Int32Array.from(rowSplits), finishedAfter);
      rowSplits = [];
      finishedAfter = [];
      context.metrics.recordsRead += batch.numRows;
      for (const entry of this.yielded) entry.offset = consumed.get(entry.plan.split) ?? entry.offset;
      if (!this.options.upsert) return batch;
      const rowKinds = Uint8Array.from(kinds);
      kinds = [];
      return { batch, rowKinds };
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
      // Records behind the partition's end: as the event's records start, and once they are all taken.
      const lag = (next: number | undefined): void => {
        if (event.highWatermark !== undefined && next !== undefined) context.metrics.splitLag.set(`${plan.topic}/${plan.partition}`, Math.max(0, event.highWatermark - next));
      };
      lag(event.messages.length > 0 ? Number(event.messages[0]!.offset) : undefined);
      for (const message of event.messages) {
        consumed.set(plan.split, Number(message.offset) + 1);
        const values = decoder.decode(plan, message);
        if (values === undefined) continue;
        if (this.options.upsert && !(values instanceof ConnectorError)) kinds.push(message.value === null ? RowKind.Delete : RowKind.UpdateAfter);
        if (values instanceof ConnectorError) {
          if (deadLetters) await deadLetters.send(message, plan, values);
          else if (!decoder.ignoresParseErrors) throw values;
          skipMalformed(context, values, message.value === null ? null : message.value.toString('utf8'));
          continue;
        }
        rowSplits.push(plan.split);
        const full = batcher.add(values);
        if (full) yield emit(full);
      }
      lag(consumed.get(plan.split));
    }
  }
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
    case 'headers':
      return headersValue(message.headers);
  }
}

/** Headers as MAP<STRING, BYTES>; a key sent several times keeps its last value (as Flink). */
function headersValue(headers: KafkaMessage['headers']): Value {
  const map = new Map<Value, Value>();
  for (const [key, raw] of Object.entries(headers ?? {})) {
    const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    map.set(key, last === undefined ? null : typeof last === 'string' ? new Uint8Array(Buffer.from(last, 'utf8')) : new Uint8Array(last));
  }
  return map;
}

/** Decodes a record's key and value into a row of physical columns. */
class RecordDecoder {
  readonly ignoresParseErrors: boolean;

  constructor(private readonly table: string, private readonly layout: RecordLayout, private readonly width: number, private readonly upsert: boolean) {
    this.ignoresParseErrors = layout.value.ignoreParseErrors || (layout.key?.ignoreParseErrors ?? false);
  }

  /**
   * The row; or why the record is malformed. A tombstone (null value) is skipped as Flink does (undefined), except by
   * upsert-kafka, where it deletes its key: the row then holds only the key's columns.
   */
  decode(plan: PartitionPlan, message: KafkaMessage): Value[] | ConnectorError | undefined {
    const { key, value, offset } = message;
    if (value === null && !this.upsert) return undefined;
    const location = recordLocation(plan.topic, plan.partition, offset);
    const row = new Array<Value>(this.width).fill(null);
    const { layout } = this;
    if (value !== null) {
      const values = layout.value.decode(value, location);
      if (values instanceof ConnectorError) return values;
      for (let i = 0; i < layout.valueColumns.length; i++) row[layout.valueColumns[i]!] = values[i] ?? null;
    }
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
