/**
 * Exactly-once into Kafka ('sink.delivery-guarantee' = 'exactly-once'), the two-phase commit of the kafka sink:
 *
 * - Between checkpoints the sink keeps its encoded records; at a checkpoint they become the committable, stored in
 *   the checkpoint (so the sink's memory grows with the records of one checkpoint interval).
 * - Once the checkpoint is durable, one Kafka transaction (transactional id = 'sink.transactional-id-prefix')
 *   sends them and, in the same transaction, commits the offset `checkpoint id` for partition 0 of the topic under
 *   the consumer group `<prefix>-commits` (`sendOffsets`): a marker that becomes visible atomically with the records.
 * - After a crash, a committable whose checkpoint id the marker already reaches was committed: it is skipped;
 *   otherwise it is sent again in a new transaction. Starting the producer (initTransactions) aborts a transaction
 *   the crashed process left open, so its records never become visible to read_committed consumers.
 *
 * Readers must use `isolation.level` = `read_committed` (Sluice's kafka source: `'properties.isolation.level'`).
 */
import type { Admin, CompressionTypes, Kafka, Message, Producer } from 'kafkajs';
import { kafkajs } from './kafkajs.js';
import { ConnectorError } from '../../common/errors.js';


/** One checkpoint's records, as plain data. */
export interface KafkaCommittable {
  readonly checkpointId: number;
  /** A null value is a tombstone (upsert-kafka deletes). */
  readonly records: readonly {
    readonly key: Uint8Array | null;
    readonly value: Uint8Array | null;
    /** Epoch milliseconds as text, from a `timestamp` METADATA column. */
    readonly timestamp?: string;
    readonly headers?: readonly (readonly [string, Uint8Array])[];
  }[];
}

export class KafkaTransactions {
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  /** The highest checkpoint whose records are in the topic (read from the marker once, then kept). */
  private committedUpTo: number | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly transactionalId: string,
    private readonly compression: CompressionTypes,
    private readonly fail: (what: string, error: unknown) => ConnectorError,
  ) {}

  get markerGroup(): string {
    return `${this.transactionalId}-commits`;
  }

  /** Connects the transactional producer: this aborts whatever transaction a crashed run left open. */
  async open(): Promise<void> {
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: kafkajs().Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    const admin = this.kafka.admin();
    try {
      await producer.connect();
      await admin.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      throw this.fail('cannot start the transactional producer', error);
    }
    this.producer = producer;
    this.admin = admin;
  }

  async commit(committable: KafkaCommittable): Promise<void> {
    if (committable.records.length === 0) return;
    if (!this.producer) await this.open(); // discarded after a failed transaction
    if (committable.checkpointId <= (await this.committedCheckpoint())) return; // committed before a crash
    const producer = this.producer!;
    const transaction = await producer.transaction();
    try {
      const messages: Message[] = committable.records.map((r) => ({
        key: r.key === null ? null : Buffer.from(r.key),
        value: r.value === null ? null : Buffer.from(r.value),
        ...(r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
        ...(r.headers !== undefined ? { headers: Object.fromEntries(r.headers.map(([k, v]) => [k, Buffer.from(v)])) } : {}),
      }));
      await transaction.send({ topic: this.topic, messages, acks: -1, compression: this.compression });
      await transaction.sendOffsets({
        consumerGroupId: this.markerGroup,
        topics: [{ topic: this.topic, partitions: [{ partition: 0, offset: String(committable.checkpointId) }] }],
      });
      await transaction.commit();
    } catch (error) {
      // kafkajs can be left in a state it does not leave (stuck ABORTING after a failed abort, 'ongoing transaction'
      // after a broker outage): discard the producer; a new one (same transactional id) aborts what is open. The
      // outcome of this commit is unknown, so it fails loudly; recovery consults the commit marker.
      await transaction.abort().catch(() => undefined);
      await this.close();
      this.committedUpTo = undefined;
      throw this.fail(`cannot commit checkpoint ${committable.checkpointId} to topic '${this.topic}' (outcome unknown; the job fails and its recovery checks the commit marker)`, error);
    }
    this.committedUpTo = committable.checkpointId;
  }

  async close(): Promise<void> {
    const { producer, admin } = this;
    this.producer = undefined;
    this.admin = undefined;
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }

  private async committedCheckpoint(): Promise<number> {
    if (this.committedUpTo !== undefined) return this.committedUpTo;
    try {
      const offsets = await this.admin!.fetchOffsets({ groupId: this.markerGroup, topics: [this.topic] });
      const marker = offsets[0]?.partitions.find((p) => p.partition === 0)?.offset ?? '-1';
      this.committedUpTo = Number(marker);
    } catch (error) {
      throw this.fail(`cannot read the commit marker of group '${this.markerGroup}'`, error);
    }
    return this.committedUpTo;
  }
}

