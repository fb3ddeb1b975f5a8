/**
 * The kafka sink (append-only): each row becomes a record whose value (and key, from `key.fields`) is encoded
 * with the table's formats. Records with a key go to the partition Java producers would choose (kafkajs'
 * DefaultPartitioner is the Java client's murmur2 partitioner; its LegacyPartitioner is not); records without a
 * key are spread round-robin.
 *
 * `'sink.delivery-guarantee'`: 'at-least-once' (default) sends with acks=-1 (all in-sync replicas) and awaits every
 * send before the next batch, so `finish()` returns only when every row is acknowledged (with checkpoints: every row
 * before a barrier is acknowledged before the checkpoint completes); 'none' uses `properties.acks` (default 1).
 * 'exactly-once' needs checkpoints and commits each checkpoint's records in one Kafka transaction (transactions.ts).
 */
import type { RecordBatch } from 'apache-arrow';
import type { CompressionTypes, Message, Producer } from 'kafkajs';
import { kafkajs } from './kafkajs.js';
import { ConnectorError } from '../../common/errors.js';
import { RowKind, type MapValue, type Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { readColumns } from '../../runtime/batch.js';
import type { SinkContext, SinkWriter } from '../../runtime/connector.js';
import type { TableMetrics } from '../../runtime/metrics.js';
import { createKafka, kafkaErrorText } from './client.js';
import type { KafkaMetadataKey, KafkaSinkOptions } from './options.js';
import { KafkaTransactions, type KafkaCommittable } from './transactions.js';


export class KafkaSink implements SinkWriter {
  private producer: Producer | undefined;
  private metrics: TableMetrics | undefined;
  private readonly acks: number;
  private readonly compression: CompressionTypes;
  /** Exactly-once: the transactional committer, and the records since the last checkpoint. */
  private transactions: KafkaTransactions | undefined;
  private staged: StagedRecord[] = [];

  constructor(private readonly options: KafkaSinkOptions, private readonly schema: Schema) {
    const acks = options.properties.optional('acks')?.trim().toLowerCase();
    this.acks = options.deliveryGuarantee === 'at-least-once' ? -1 : acks === 'all' || acks === '-1' ? -1 : acks === '0' ? 0 : 1;
    this.compression = options.properties.optional('compression.type')?.trim().toLowerCase() === 'gzip' ? kafkajs().CompressionTypes.GZIP : kafkajs().CompressionTypes.None;
    if (options.deliveryGuarantee === 'exactly-once') {
      this.prepareCommit = async (checkpointId) => {
        const records = this.staged;
        this.staged = [];
        return { checkpointId, records };
      };
      this.commit = async (committable) => this.transactions?.commit(committable as KafkaCommittable);
      this.recover = async (committables) => {
        for (const committable of committables) await this.transactions?.commit(committable as KafkaCommittable);
      };
    }
  }

  async open(context: SinkContext): Promise<void> {
    this.metrics = context.metrics;
    const kafka = createKafka(this.options.properties, `sluice-${this.options.table}`);
    if (this.options.deliveryGuarantee === 'exactly-once') {
      if (!context.checkpointing) {
        throw new ConnectorError(`Table '${this.options.table}': 'sink.delivery-guarantee' = 'exactly-once' commits on checkpoints, and this job takes none`, {
          hint: "SET 'execution.checkpointing.interval' = '10 s' (with a 'pipeline.name'), or use 'at-least-once'",
        });
      }
      this.transactions = new KafkaTransactions(kafka, this.options.topic, this.options.transactionalIdPrefix!, this.compression, (what, error) => this.failure(what, error));
      await this.transactions.open();
      return;
    }
    const maxInFlight = this.options.properties.integer('max.in.flight.requests.per.connection', 1);
    // Idempotent, as the Java producer is by default since Kafka 3.0: a send retried after a transient error (a
    // leader moving, just after a topic is created) is not written twice. It needs acks=-1 and one request in flight.
    const idempotent = this.acks === -1 && this.options.properties.boolean('enable.idempotence', true) && (maxInFlight === undefined || maxInFlight === 1);
    const producer = kafka.producer({
      createPartitioner: kafkajs().Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      ...(idempotent ? { idempotent: true, maxInFlightRequests: 1 } : maxInFlight === undefined ? {} : { maxInFlightRequests: maxInFlight }),
    });
    try {
      await producer.connect();
    } catch (error) {
      throw this.failure('cannot connect', error);
    }
    this.producer = producer;
  }

  async write(batch: RecordBatch, rowKinds: Uint8Array | undefined): Promise<void> {
    if (!this.options.upsert && rowKinds && rowKinds.some((kind) => kind !== RowKind.Insert)) {
      throw new ConnectorError(`kafka sink '${this.options.table}' cannot write updates (-U/+U/-D); it is append-only`,
        { hint: "write an insert-only query into it (e.g. a window aggregation), or use a 'print' sink for updating results" });
    }
    if (batch.numRows === 0) return;
    if (this.transactions) {
      for (const message of this.encode(batch, rowKinds)) this.staged.push(stagedRecord(message));
      if (this.metrics) this.metrics.recordsWritten += batch.numRows;
      return;
    }
    if (!this.producer) return;
    const messages = this.encode(batch, rowKinds);
    if (messages.length === 0) return;
    try {
      await this.producer.send({ topic: this.options.topic, acks: this.acks, compression: this.compression, messages });
    } catch (error) {
      throw this.failure(`cannot write to topic '${this.options.topic}'`, error);
    }
    if (this.metrics) this.metrics.recordsWritten += batch.numRows;
  }

  /**
   * One message per row; for upsert-kafka a -D or -U is a tombstone (null value) for its key, as in Flink: a -U
   * whose +U follows is overwritten by it, and a -U whose +U was filtered out (HAVING) must not leave a stale row.
   */
  private encode(batch: RecordBatch, rowKinds?: Uint8Array): Message[] {
    const columns = readColumns(batch, this.schema);
    const { layout } = this.options;
    const messages: Message[] = [];
    const pick = (indexes: readonly number[], row: number): Value[] => indexes.map((c) => columns[c]![row] ?? null);
    for (let r = 0; r < batch.numRows; r++) {
      const kind = (rowKinds?.[r] ?? RowKind.Insert) as RowKind;
      const retract = kind === RowKind.Delete || kind === RowKind.UpdateBefore;
      const value = retract ? null : layout.value.encode(pick(layout.valueColumns, r));
      const message: Message = layout.key ? { key: layout.key.encode(pick(layout.keyColumns, r)), value } : { value };
      for (const { index, key } of layout.metadataColumns) writeMetadata(message, key, columns[index]![r] ?? null);
      messages.push(message);
    }
    return messages;
  }

  private failure(what: string, error: unknown): ConnectorError {
    const brokers = this.options.properties.optional('bootstrap.servers') ?? '';
    return new ConnectorError(`Table '${this.options.table}': ${what} (brokers ${brokers}): ${kafkaErrorText(error)}`, { cause: error });
  }

  /** Every send was awaited in `write`, so all rows are acknowledged; only the connection is left to close. */
  async finish(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect();
    await this.transactions?.close();
  }

  async abort(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
    this.staged = [];
    await this.transactions?.close();
  }

  /** Two-phase commit, only for 'exactly-once' (other guarantees publish as they write): set in the constructor. */
  readonly prepareCommit?: (checkpointId: number) => Promise<KafkaCommittable>;
  readonly commit?: (committable: unknown) => Promise<void>;
  readonly recover?: (committables: readonly unknown[]) => Promise<void>;
}

/** A record kept for the next checkpoint's transaction: plain data, stored in the checkpoint. */
type StagedRecord = KafkaCommittable['records'][number];

function stagedRecord(message: Message): StagedRecord {
  const headers = message.headers as Record<string, Buffer> | undefined;
  return {
    key: (message.key as Buffer | null | undefined) ?? null,
    value: message.value as Buffer | null,
    ...(message.timestamp !== undefined ? { timestamp: message.timestamp } : {}),
    ...(headers !== undefined ? { headers: Object.entries(headers).map(([k, v]) => [k, new Uint8Array(v)] as const) } : {}),
  };
}

/** A non-VIRTUAL METADATA column's value into the record: `timestamp` (NULL: the producer's clock) and `headers`. */
function writeMetadata(message: Message, key: KafkaMetadataKey, value: Value): void {
  if (value === null) return;
  if (key === 'timestamp') message.timestamp = String(value as number);
  else if (key === 'headers') {
    const headers: Record<string, Buffer> = {};
    for (const [name, bytes] of value as MapValue) if (bytes !== null) headers[name as string] = Buffer.from(bytes as Uint8Array);
    message.headers = headers;
  }
}
