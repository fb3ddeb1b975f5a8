/** Every connector Sluice implements, by name, plus the Flink connectors it knows of but does not support yet. */
import { ConnectorError } from '../common/errors.js';
import type { ConnectorDescriptor } from '../dataflow/graph.js';
import { BlackholeSink, validateBlackholeOptions } from './blackhole/sink.js';
import { readDatagenOptions } from './datagen/options.js';
import { DatagenSource } from './datagen/source.js';
import type { ConnectorDefinition } from './definition.js';
import { readFilesystemOptions } from './filesystem/options.js';
import { FilesystemSink } from './filesystem/sink.js';
import { FilesystemSource } from './filesystem/source.js';
import { IN_PROCESS_CONNECTOR, InProcessSourceReader } from './in-process/source.js';
import { VALUES_CONNECTOR } from '../dataflow/graph.js';
import { ValuesSourceReader } from './values/source.js';
import { KAFKA_METADATA, KAFKA_WRITABLE_METADATA, readKafkaSinkOptions, readKafkaSourceOptions, readUpsertKafkaSinkOptions, readUpsertKafkaSourceOptions } from './kafka/options.js';
import { KafkaSink } from './kafka/sink.js';
import { KafkaSource } from './kafka/source.js';
import { PrintSink, readPrintOptions } from './print/sink.js';
import { SqliteLookup } from './sqlite/lookup.js';
import { readSqliteLookupOptions, readSqliteSinkOptions } from './sqlite/options.js';
import { SqliteSink } from './sqlite/sink.js';

const filesystem: ConnectorDefinition = {
  name: 'filesystem',
  roles: ['source', 'sink'],
  validate: (_role, descriptor) => void readFilesystemOptions(descriptor, '.'),
  createSource: (descriptor, env) => new FilesystemSource(readFilesystemOptions(descriptor, env.baseDirectory), descriptor.schema),
  createSink: (descriptor, env) => new FilesystemSink(readFilesystemOptions(descriptor, env.baseDirectory), descriptor.schema),
};

const datagen: ConnectorDefinition = {
  name: 'datagen',
  roles: ['source'],
  validate: (_role, descriptor) => void readDatagenOptions(descriptor),
  createSource: (descriptor) => new DatagenSource(descriptor.schema, readDatagenOptions(descriptor)),
};

const print: ConnectorDefinition = {
  name: 'print',
  roles: ['sink'],
  validate: (_role, descriptor) => void readPrintOptions(descriptor),
  createSink: (descriptor, env) => new PrintSink(descriptor.schema, readPrintOptions(descriptor), env.printLine),
};

const blackhole: ConnectorDefinition = {
  name: 'blackhole',
  roles: ['sink'],
  validate: (_role, descriptor) => validateBlackholeOptions(descriptor),
  createSink: () => new BlackholeSink(),
};

const kafka: ConnectorDefinition = {
  name: 'kafka',
  roles: ['source', 'sink'],
  metadata: KAFKA_METADATA,
  writableMetadata: KAFKA_WRITABLE_METADATA,
  validate: (role, descriptor) => void (role === 'source' ? readKafkaSourceOptions(descriptor) : readKafkaSinkOptions(descriptor)),
  createSource: (descriptor) => new KafkaSource(readKafkaSourceOptions(descriptor), descriptor.schema),
  createSink: (descriptor) => new KafkaSink(readKafkaSinkOptions(descriptor), descriptor.schema),
};

/** A Kafka topic as a table by primary key (Flink's upsert-kafka): updating results in, a changelog out. */
const upsertKafka: ConnectorDefinition = {
  name: 'upsert-kafka',
  roles: ['source', 'sink'],
  sourceChangelog: 'upsert',
  validate: (role, descriptor) => void (role === 'source' ? readUpsertKafkaSourceOptions(descriptor) : readUpsertKafkaSinkOptions(descriptor)),
  createSource: (descriptor) => new KafkaSource(readUpsertKafkaSourceOptions(descriptor), descriptor.schema),
  createSink: (descriptor) => new KafkaSink(readUpsertKafkaSinkOptions(descriptor), descriptor.schema),
};

/** A table of a SQLite database file: a sink (upsert by PRIMARY KEY) and a lookup table. */
const sqlite: ConnectorDefinition = {
  name: 'sqlite',
  roles: ['sink', 'lookup'],
  validate: (role, descriptor) => void (role === 'lookup' ? readSqliteLookupOptions(descriptor, '.') : readSqliteSinkOptions(descriptor, '.')),
  createSink: (descriptor, env) => new SqliteSink(readSqliteSinkOptions(descriptor, env.baseDirectory), descriptor.schema),
  readLookupOptions: (descriptor) => readSqliteLookupOptions(descriptor, '.'),
  createLookup: (descriptor, keyColumns, env) => new SqliteLookup(readSqliteLookupOptions(descriptor, env.baseDirectory), descriptor.schema, keyColumns),
};

/** Tables registered through the embedded API; their options come from code, not from DDL, and are not checked. */
const inProcess: ConnectorDefinition = {
  name: IN_PROCESS_CONNECTOR,
  roles: ['source'],
  validate: () => undefined,
  createSource: (descriptor: ConnectorDescriptor, env) => {
    const source = env.inProcessTables.get(descriptor.table);
    if (!source) throw new ConnectorError(`No in-process table named '${descriptor.table}' is registered`);
    return new InProcessSourceReader(descriptor.table, descriptor.schema, source);
  },
};

/** VALUES tables: the planner puts their rows in the descriptor; no options. */
const values: ConnectorDefinition = {
  name: VALUES_CONNECTOR,
  roles: ['source'],
  validate: () => undefined,
  createSource: (descriptor: ConnectorDescriptor) => new ValuesSourceReader(descriptor),
};

export const CONNECTORS: ReadonlyMap<string, ConnectorDefinition> = new Map(
  [filesystem, datagen, print, blackhole, kafka, upsertKafka, sqlite, inProcess, values].map((definition) => [definition.name, definition]),
);

/** Flink connectors users may reasonably write that Sluice does not implement yet. */
export const KNOWN_UNSUPPORTED_CONNECTORS: readonly string[] = [
  'jdbc', 'elasticsearch-7', 'elasticsearch-6', 'kinesis', 'firehose', 'hbase-2.2',
  'mongodb', 'opensearch', 'pulsar', 'rabbitmq', 'dynamodb', 'hive',
];
