/**
 * Options of the `kafka` connector (Flink's names). Source: `topic` (one, or several separated by ';') or
 * `topic-pattern` (a regular expression matched against whole topic names), `properties.bootstrap.servers`,
 * `properties.group.id`, `scan.startup.mode` (+ `scan.startup.timestamp-millis` / `scan.startup.specific-offsets`),
 * `scan.bounded.mode` (+ `scan.bounded.timestamp-millis` / `scan.bounded.specific-offsets`),
 * `scan.topic-partition-discovery.interval`. Both: `format` (or `value.format`) json | csv | raw, `key.format`, `key.fields`,
 * `value.fields-include`. Sink: `sink.delivery-guarantee` none | at-least-once | exactly-once (with checkpoints and
 * `sink.transactional-id-prefix`).
 */
import { BIGINT, BYTES, INT, STRING, TIMESTAMP3, mapType, type DataType } from '../../common/types.js';
import type { Schema } from '../../dataflow/schema.js';
import type { ConnectorDescriptor, ReadMask } from '../../dataflow/graph.js';
import { FORMAT_OPTION_KEYS } from '../formats/index.js';
import { ConnectorOptions, parseDuration, SOURCE_OPTION_KEYS, sourceIdleTimeout } from '../options.js';
import { didYouMean } from '../suggest.js';
import { ClientProperties, PROPERTIES_PREFIX, supportedProperties, type ClientRole } from './client-properties.js';
import { createPartCodec, partOptions, type RecordPartCodec } from './record-codec.js';

export const STARTUP_MODES = ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'] as const;
export type StartupMode = (typeof STARTUP_MODES)[number];

export const BOUNDED_MODES = ['unbounded', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'] as const;
export type BoundedMode = (typeof BOUNDED_MODES)[number];

/** Flink's default `'scan.topic-partition-discovery.interval'`: 5 minutes. */
export const DEFAULT_DISCOVERY_INTERVAL_MS = 5 * 60_000;

export type TopicSelection = { readonly kind: 'list'; readonly topics: readonly string[] } | { readonly kind: 'pattern'; readonly pattern: RegExp };

/** How a record's key and value map to the table's physical columns. */
export interface RecordLayout {
  readonly value: RecordPartCodec;
  /** Indexes of the physical columns the value holds. */
  readonly valueColumns: readonly number[];
  readonly key: RecordPartCodec | undefined;
  readonly keyColumns: readonly number[];
  /** Columns filled from record metadata (source only), by index, with their key. */
  readonly metadataColumns: readonly { readonly index: number; readonly key: KafkaMetadataKey }[];
}

/** The record metadata a kafka table offers as METADATA columns, with the type the column must have. */
export const KAFKA_METADATA = {
  topic: STRING,
  partition: INT,
  offset: BIGINT,
  timestamp: TIMESTAMP3,
  headers: mapType(STRING, BYTES),
} as const satisfies Record<string, DataType>;

/** What a kafka sink writes from non-VIRTUAL METADATA columns (as Flink's): the record's timestamp and headers. */
export const KAFKA_WRITABLE_METADATA: readonly KafkaMetadataKey[] = ['timestamp', 'headers'];

export type KafkaMetadataKey = keyof typeof KAFKA_METADATA;

export interface KafkaSourceOptions {
  readonly table: string;
  readonly topics: TopicSelection;
  readonly properties: ClientProperties;
  readonly groupId: string | undefined;
  readonly startupMode: StartupMode;
  readonly startupTimestamp: number | undefined;
  /** partition → offset, from `scan.startup.specific-offsets` (topic-less: applies to every topic). */
  readonly specificOffsets: ReadonlyMap<number, bigint>;
  /** `'scan.bounded.mode'`: where each partition ends (resolved once, when the job starts). */
  readonly boundedMode: BoundedMode;
  /** Whether the table is bounded (`boundedMode` other than 'unbounded'). */
  readonly bounded: boolean;
  /** For `boundedMode` 'timestamp': partitions end before the first record with a timestamp ≥ this. */
  readonly boundedTimestamp: number | undefined;
  /** partition → exclusive end offset, from `scan.bounded.specific-offsets` (topic-less: applies to every topic). */
  readonly boundedSpecificOffsets: ReadonlyMap<number, bigint>;
  /** `'scan.topic-partition-discovery.interval'` in ms; 0: no discovery (always 0 for bounded tables). */
  readonly discoveryIntervalMs: number;
  readonly layout: RecordLayout;
  /** upsert-kafka: records are upserts by key and tombstones (null values) delete their key. */
  readonly upsert?: boolean;
  /** `'scan.watermark.idle-timeout'` in ms (0: never idle): how long a quiet partition holds the watermark back. */
  readonly idleTimeoutMs: number;
  /** `'scan.dead-letter.topic'`: malformed records go there (with the error in headers) instead of failing the job. */
  readonly deadLetterTopic?: string;
}

export interface KafkaSinkOptions {
  readonly table: string;
  readonly topic: string;
  readonly properties: ClientProperties;
  readonly deliveryGuarantee: 'none' | 'at-least-once' | 'exactly-once';
  /** `'sink.transactional-id-prefix'` (exactly-once): the producer's transactional id and its commit-marker group. */
  readonly transactionalIdPrefix?: string;
  readonly layout: RecordLayout;
  /** `upsert-kafka`: updating rows by key — +I/+U write the row, -D and -U a tombstone (null value), as Flink. */
  readonly upsert?: boolean;
}

const FORMAT_KEYS = [...FORMAT_OPTION_KEYS.json, ...FORMAT_OPTION_KEYS.csv];
const COMMON_KEYS = ['topic', 'format', 'value.format', 'key.format', 'key.fields', 'value.fields-include'];
const SOURCE_KEYS = ['topic-pattern', 'scan.startup.mode', 'scan.startup.timestamp-millis', 'scan.startup.specific-offsets', 'scan.bounded.mode',
  'scan.bounded.timestamp-millis', 'scan.bounded.specific-offsets', 'scan.topic-partition-discovery.interval', 'scan.dead-letter.topic', ...SOURCE_OPTION_KEYS];
const SINK_KEYS = ['sink.delivery-guarantee', 'sink.transactional-id-prefix', 'sink.partitioner'];

function isFormatKey(key: string): boolean {
  const bare = key.replace(/^(key|value)\./, '');
  return FORMAT_KEYS.includes(bare);
}

function rejectUnknownKeys(options: ConnectorOptions, role: ClientRole): void {
  const own = [...COMMON_KEYS, ...(role === 'source' ? SOURCE_KEYS : SINK_KEYS)];
  const candidates = [...own, ...supportedProperties(role).map((p) => PROPERTIES_PREFIX + p), ...FORMAT_KEYS];
  const otherRole = role === 'source' ? SINK_KEYS : SOURCE_KEYS.filter((k) => !SOURCE_OPTION_KEYS.includes(k));
  for (const key of options.keys()) {
    if (otherRole.includes(key)) throw options.error(`option '${key}' applies to a kafka ${role === 'source' ? 'sink' : 'source'}, but this table is used as a ${role}`);
  }
  options.rejectUnknownKeys((key) => own.includes(key) || key.startsWith(PROPERTIES_PREFIX) || isFormatKey(key), candidates);
}

function deadLetter(options: ConnectorOptions): { deadLetterTopic?: string } {
  const topic = options.optional('scan.dead-letter.topic');
  if (topic === undefined) return {};
  if (!/^[A-Za-z0-9._-]+$/.test(topic)) throw options.error(`'scan.dead-letter.topic' = '${topic}' is not a valid topic name`);
  return { deadLetterTopic: topic };
}

/** `readMask`: what of the table's columns the job reads (sources); the JSON parts skip the rest. */
function recordLayout(options: ConnectorOptions, schema: Schema, metadata: ConnectorDescriptor['metadata'] = [], readMask?: ReadMask): RecordLayout {
  const names = schema.fields.map((f) => f.name);
  const metadataColumns = (metadata ?? []).map(({ index, key }) => ({ index, key: key as KafkaMetadataKey }));
  const isMetadata = (index: number): boolean => metadataColumns.some((m) => m.index === index);
  if (options.optional('format') !== undefined && options.optional('value.format') !== undefined) {
    throw options.error("options 'format' and 'value.format' are the same thing; set only one");
  }
  const valueOptions = partOptions(options, 'value');
  if (!valueOptions) throw options.error("option 'format' (or 'value.format') is required for connector 'kafka'", 'supported formats: json, csv, raw');
  const keyFields = (options.optional('key.fields') ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');
  const keyColumns = keyFields.map((name) => {
    const index = names.indexOf(name);
    if (index < 0) throw options.error(`'key.fields' names unknown column '${name}'`, didYouMean(name, names));
    return index;
  });
  const keyOptions = partOptions(options, 'key');
  if (keyColumns.length > 0 && !keyOptions) throw options.error("'key.fields' needs 'key.format'");
  if (keyColumns.length === 0 && keyOptions) throw options.error("'key.format' needs 'key.fields' (the columns the key holds)");
  const include = options.choice('value.fields-include', ['ALL', 'EXCEPT_KEY'] as const, 'ALL')!;
  const valueColumns = names.map((_, i) => i).filter((i) => !isMetadata(i) && (include === 'ALL' || !keyColumns.includes(i)));
  if (valueColumns.length === 0) throw options.error("'value.fields-include' = 'EXCEPT_KEY' leaves no column for the value");
  const subset = (columns: readonly number[]): Schema => ({ fields: columns.map((i) => schema.fields[i]!) });
  return {
    value: createPartCodec(valueOptions, subset(valueColumns), 'value', readMask && valueColumns.map((i) => readMask[i] ?? true)),
    valueColumns,
    key: keyOptions ? createPartCodec(keyOptions, subset(keyColumns), 'key', readMask && keyColumns.map((i) => readMask[i] ?? true)) : undefined,
    keyColumns,
    metadataColumns,
  };
}

function topicSelection(options: ConnectorOptions, role: ClientRole): TopicSelection {
  const topic = options.optional('topic');
  const pattern = role === 'source' ? options.optional('topic-pattern') : undefined;
  if (topic !== undefined && pattern !== undefined) throw options.error("set either 'topic' or 'topic-pattern', not both");
  if (pattern !== undefined) {
    try {
      return { kind: 'pattern', pattern: new RegExp(`^(?:${pattern})$`) };
    } catch (error) {
      throw options.error(`'topic-pattern' is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (topic === undefined) throw options.error(`option 'topic'${role === 'source' ? " (or 'topic-pattern')" : ''} is required for connector 'kafka'`);
  const topics = topic.split(';').map((t) => t.trim()).filter((t) => t !== '');
  if (topics.length === 0) throw options.error("option 'topic' must not be empty");
  for (const name of topics) {
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(name)) throw options.error(`'${name}' is not a valid Kafka topic name (letters, digits, '.', '_', '-')`);
  }
  if (role === 'sink' && topics.length > 1) throw options.error("a kafka sink writes to one 'topic'");
  return { kind: 'list', topics };
}

/** `partition:0,offset:42;partition:1,offset:300` (option `key`) → partition → offset. */
function specificOffsets(options: ConnectorOptions, key: string): Map<number, bigint> {
  const text = options.optional(key);
  const offsets = new Map<number, bigint>();
  if (text === undefined) return offsets;
  for (const entry of text.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    const match = /^partition\s*:\s*(\d+)\s*,\s*offset\s*:\s*(\d+)$/.exec(entry);
    if (!match) throw options.error(`'${key}' entry '${entry}' is not 'partition:<n>,offset:<n>'`);
    const partition = Number(match[1]);
    if (offsets.has(partition)) throw options.error(`'${key}' names partition ${partition} twice`);
    offsets.set(partition, BigInt(match[2]!));
  }
  if (text.trim() !== '' && offsets.size === 0) throw options.error(`'${key}' lists no 'partition:<n>,offset:<n>' entry`);
  return offsets;
}

/** `'scan.bounded.mode'` and its companion options, checked against each other as Flink does. */
function boundedOptions(options: ConnectorOptions, groupId: string | undefined): Pick<KafkaSourceOptions, 'boundedMode' | 'boundedTimestamp' | 'boundedSpecificOffsets'> {
  const mode = options.choice('scan.bounded.mode', BOUNDED_MODES, 'unbounded')!;
  const timestamp = options.integer('scan.bounded.timestamp-millis', { min: 0 });
  if (mode === 'timestamp' && timestamp === undefined) throw options.error("'scan.bounded.mode' = 'timestamp' needs 'scan.bounded.timestamp-millis'");
  if (mode !== 'timestamp' && timestamp !== undefined) throw options.error("'scan.bounded.timestamp-millis' applies only to 'scan.bounded.mode' = 'timestamp'");
  const offsets = specificOffsets(options, 'scan.bounded.specific-offsets');
  if (mode === 'specific-offsets' && options.optional('scan.bounded.specific-offsets') === undefined) {
    throw options.error("'scan.bounded.mode' = 'specific-offsets' needs 'scan.bounded.specific-offsets'");
  }
  if (mode !== 'specific-offsets' && offsets.size > 0) throw options.error("'scan.bounded.specific-offsets' applies only to 'scan.bounded.mode' = 'specific-offsets'");
  if (mode === 'group-offsets' && groupId === undefined) throw options.error("'scan.bounded.mode' = 'group-offsets' needs 'properties.group.id' (the group whose committed offsets end the read)");
  return { boundedMode: mode, boundedTimestamp: timestamp, boundedSpecificOffsets: offsets };
}

/** `'scan.topic-partition-discovery.interval'` in ms: Flink's 5 minutes by default; 0 or a negative value disables it. */
function discoveryInterval(options: ConnectorOptions, bounded: boolean): number {
  const key = 'scan.topic-partition-discovery.interval';
  const text = options.optional(key);
  let interval = DEFAULT_DISCOVERY_INTERVAL_MS;
  if (text !== undefined) {
    const negative = /^\s*-/.test(text);
    const millis = parseDuration(negative ? text.replace('-', '') : text);
    if (millis === undefined) throw options.error(`option '${key}' must be a duration such as '30 s' or '5 min' (0 or negative: no discovery), got '${text}'`);
    interval = negative ? 0 : millis;
  }
  return bounded ? 0 : interval;
}

export function readKafkaSourceOptions(descriptor: ConnectorDescriptor): KafkaSourceOptions {
  const options = new ConnectorOptions(descriptor);
  rejectUnknownKeys(options, 'source');
  const topics = topicSelection(options, 'source');
  const properties = new ClientProperties(options, 'source');
  properties.brokers();
  const groupId = properties.optional('group.id');
  const startupMode = options.choice('scan.startup.mode', STARTUP_MODES, 'group-offsets')!;
  if (startupMode === 'group-offsets' && groupId === undefined) {
    throw options.error("'scan.startup.mode' = 'group-offsets' (the default) needs 'properties.group.id'", "or set 'scan.startup.mode' to 'earliest-offset' or 'latest-offset'");
  }
  properties.choice('auto.offset.reset', ['earliest', 'latest', 'none'] as const);
  const startupTimestamp = options.integer('scan.startup.timestamp-millis', { min: 0 });
  if (startupMode === 'timestamp' && startupTimestamp === undefined) throw options.error("'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis'");
  if (startupMode !== 'timestamp' && startupTimestamp !== undefined) throw options.error("'scan.startup.timestamp-millis' applies only to 'scan.startup.mode' = 'timestamp'");
  const offsets = specificOffsets(options, 'scan.startup.specific-offsets');
  if (startupMode === 'specific-offsets' && offsets.size === 0) throw options.error("'scan.startup.mode' = 'specific-offsets' needs 'scan.startup.specific-offsets'");
  if (startupMode !== 'specific-offsets' && offsets.size > 0) throw options.error("'scan.startup.specific-offsets' applies only to 'scan.startup.mode' = 'specific-offsets'");
  const bounded = boundedOptions(options, groupId);
  properties.consumerConfig('validation');
  properties.kafkaConfig('validation');
  return {
    table: descriptor.table,
    topics,
    properties,
    groupId,
    startupMode,
    startupTimestamp,
    specificOffsets: offsets,
    ...bounded,
    bounded: bounded.boundedMode !== 'unbounded',
    discoveryIntervalMs: discoveryInterval(options, bounded.boundedMode !== 'unbounded'),
    layout: recordLayout(options, descriptor.schema, descriptor.metadata, descriptor.readMask),
    idleTimeoutMs: sourceIdleTimeout(descriptor) ?? 0,
    ...deadLetter(options),
  };
}

export function readKafkaSinkOptions(descriptor: ConnectorDescriptor): KafkaSinkOptions {
  const options = new ConnectorOptions(descriptor);
  rejectUnknownKeys(options, 'sink');
  const selection = topicSelection(options, 'sink');
  const topic = selection.kind === 'list' ? selection.topics[0]! : '';
  const properties = new ClientProperties(options, 'sink');
  properties.kafkaConfig('validation');
  const guarantee = options.choice('sink.delivery-guarantee', ['none', 'at-least-once', 'exactly-once'] as const, 'at-least-once')!;
  const transactionalIdPrefix = options.optional('sink.transactional-id-prefix');
  if (guarantee === 'exactly-once' && (transactionalIdPrefix === undefined || transactionalIdPrefix.trim() === '')) {
    throw options.error("'sink.delivery-guarantee' = 'exactly-once' needs 'sink.transactional-id-prefix' (unique per job and sink, as in Flink)");
  }
  if (guarantee !== 'exactly-once' && transactionalIdPrefix !== undefined) {
    throw options.error("'sink.transactional-id-prefix' is only for 'sink.delivery-guarantee' = 'exactly-once'");
  }
  options.choice('sink.partitioner', ['default'] as const);
  const acks = properties.choice('acks', ['all', '-1', '0', '1'] as const);
  if (guarantee !== 'none' && acks !== undefined && acks !== 'all' && acks !== '-1') {
    throw options.error(`'properties.acks' = '${acks}' contradicts 'sink.delivery-guarantee' = '${guarantee}' (which waits for all in-sync replicas)`);
  }
  properties.choice('compression.type', ['none', 'gzip'] as const);
  return {
    table: descriptor.table,
    topic,
    properties,
    deliveryGuarantee: guarantee,
    ...(transactionalIdPrefix !== undefined ? { transactionalIdPrefix } : {}),
    layout: recordLayout(options, descriptor.schema, descriptor.metadata),
  };
}

/**
 * `'connector' = 'upsert-kafka'` (sink): the table's `PRIMARY KEY (…) NOT ENFORCED` is the record key (encoded with
 * `'key.format'`), the row the value (`'value.format'`; `'value.fields-include'` ALL or EXCEPT_KEY); the other
 * options are the kafka sink's.
 */
export function readUpsertKafkaSinkOptions(descriptor: ConnectorDescriptor): KafkaSinkOptions {
  const options = new ConnectorOptions(descriptor);
  const key = descriptor.primaryKey ?? [];
  if (key.length === 0) {
    throw options.error("connector 'upsert-kafka' needs a primary key: declare PRIMARY KEY (…) NOT ENFORCED on the table; it becomes the record key");
  }
  if (options.optional('key.fields') !== undefined) throw options.error("'key.fields' is not an option of 'upsert-kafka': the PRIMARY KEY is the record key");
  if (options.optional('key.format') === undefined) throw options.error("option 'key.format' is required for connector 'upsert-kafka'", 'supported formats: json, csv, raw');
  if (options.optional('value.format') === undefined && options.optional('format') === undefined) {
    throw options.error("option 'value.format' is required for connector 'upsert-kafka'", 'supported formats: json, csv, raw');
  }
  const kafkaOptions = readKafkaSinkOptions({ ...descriptor, options: { ...descriptor.options, 'key.fields': key.join(';') } });
  return { ...kafkaOptions, upsert: true };
}

/**
 * `'connector' = 'upsert-kafka'` (source): the topic as a changelog by the table's `PRIMARY KEY (…) NOT ENFORCED`
 * (the record key): a record upserts its key, a tombstone deletes it. Read from the earliest offset, as Flink does
 * (the topic is the table's whole history); the other options are the kafka source's.
 */
export function readUpsertKafkaSourceOptions(descriptor: ConnectorDescriptor): KafkaSourceOptions {
  const options = new ConnectorOptions(descriptor);
  const key = descriptor.primaryKey ?? [];
  if (key.length === 0) {
    throw options.error("connector 'upsert-kafka' needs a primary key: declare PRIMARY KEY (…) NOT ENFORCED on the table; it is the record key");
  }
  for (const option of ['key.fields', 'scan.startup.mode']) {
    if (options.optional(option) !== undefined) {
      throw options.error(`'${option}' is not an option of 'upsert-kafka'${option === 'key.fields' ? ': the PRIMARY KEY is the record key' : ': it reads the topic from the earliest offset'}`);
    }
  }
  if (options.optional('key.format') === undefined) throw options.error("option 'key.format' is required for connector 'upsert-kafka'", 'supported formats: json, csv, raw');
  const kafkaOptions = readKafkaSourceOptions({
    ...descriptor,
    options: { ...descriptor.options, 'key.fields': key.join(';'), 'scan.startup.mode': 'earliest-offset' },
  });
  return { ...kafkaOptions, upsert: true };
}
