/**
 * `'properties.*'` options of the kafka connector, mapped to kafkajs settings where kafkajs has an equivalent.
 * Kafka's Java client settings without a kafkajs equivalent (e.g. `linger.ms`) are rejected with the list of
 * supported ones, rather than silently ignored.
 */
import type { ConsumerConfig, KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectorOptions } from '../options.js';

export const PROPERTIES_PREFIX = 'properties.';

const COMMON = ['bootstrap.servers', 'client.id', 'request.timeout.ms', 'socket.connection.setup.timeout.ms', 'retries', 'security.protocol', 'sasl.mechanism', 'sasl.jaas.config'];
const CONSUMER = ['group.id', 'auto.offset.reset', 'enable.auto.commit', 'auto.commit.interval.ms', 'isolation.level', 'session.timeout.ms',
  'heartbeat.interval.ms', 'max.partition.fetch.bytes', 'fetch.max.bytes', 'fetch.min.bytes', 'fetch.max.wait.ms'];
const PRODUCER = ['acks', 'compression.type', 'max.in.flight.requests.per.connection', 'enable.idempotence'];

export type ClientRole = 'source' | 'sink';

/** The `properties.*` keys (without the prefix) a source or a sink accepts. */
export function supportedProperties(role: ClientRole): string[] {
  return [...COMMON, ...(role === 'source' ? CONSUMER : PRODUCER)];
}

/** Reads the `properties.*` options: a ConnectorError for unsupported keys or bad values. */
export class ClientProperties {
  constructor(private readonly options: ConnectorOptions, role: ClientRole) {
    const supported = supportedProperties(role);
    for (const key of options.keys()) {
      if (!key.startsWith(PROPERTIES_PREFIX)) continue;
      const name = key.slice(PROPERTIES_PREFIX.length);
      if (!supported.includes(name)) {
        throw options.error(`unsupported Kafka client property '${key}' for a kafka ${role} (kafkajs has no equivalent)`,
          `supported: ${supported.map((s) => PROPERTIES_PREFIX + s).join(', ')}`);
      }
    }
  }

  optional(name: string): string | undefined {
    return this.options.optional(PROPERTIES_PREFIX + name);
  }

  integer(name: string, min = 0): number | undefined {
    return this.options.integer(PROPERTIES_PREFIX + name, { min });
  }

  boolean(name: string, fallback: boolean): boolean {
    return this.options.boolean(PROPERTIES_PREFIX + name, fallback);
  }

  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    return this.options.choice(PROPERTIES_PREFIX + name, choices);
  }

  /** `bootstrap.servers` as a broker list (required). */
  brokers(): string[] {
    const servers = this.options.required(`${PROPERTIES_PREFIX}bootstrap.servers`).split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (servers.length === 0) throw this.options.error("option 'properties.bootstrap.servers' must list at least one 'host:port'");
    for (const server of servers) {
      if (!/^[^:\s]+:\d+$/.test(server.replace(/^\[.*\]/, 'ipv6'))) throw this.options.error(`'${server}' in 'properties.bootstrap.servers' is not 'host:port'`);
    }
    return servers;
  }

  /** Connection settings shared by consumers, producers and admin clients. */
  kafkaConfig(defaultClientId: string): KafkaConfig {
    const config: { -readonly [K in keyof KafkaConfig]: KafkaConfig[K] } = {
      brokers: this.brokers(),
      clientId: this.optional('client.id') ?? defaultClientId,
    };
    const requestTimeout = this.integer('request.timeout.ms', 1);
    if (requestTimeout !== undefined) config.requestTimeout = requestTimeout;
    const connectionTimeout = this.integer('socket.connection.setup.timeout.ms', 1);
    if (connectionTimeout !== undefined) config.connectionTimeout = connectionTimeout;
    const retries = this.integer('retries');
    if (retries !== undefined) config.retry = { retries };
    const protocol = this.choice('security.protocol', ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const) ?? 'PLAINTEXT';
    if (protocol === 'SSL' || protocol === 'SASL_SSL') config.ssl = true;
    if (protocol.startsWith('SASL')) config.sasl = this.sasl();
    return config;
  }

  private sasl(): SASLOptions {
    const mechanism = this.choice('sasl.mechanism', ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) ?? 'PLAIN';
    const jaas = this.optional('sasl.jaas.config') ?? '';
    const username = /username\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
    const password = /password\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
    if (username === undefined || password === undefined) {
      throw this.options.error("SASL needs 'properties.sasl.jaas.config' with username=\"…\" and password=\"…\"");
    }
    const kafkajsMechanism = mechanism === 'PLAIN' ? 'plain' : mechanism === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512';
    return { mechanism: kafkajsMechanism, username, password } as SASLOptions;
  }

  /** Consumer settings (the group id is decided by the source). */
  consumerConfig(groupId: string): ConsumerConfig {
    const config: { -readonly [K in keyof ConsumerConfig]: ConsumerConfig[K] } = { groupId, allowAutoTopicCreation: false };
    const isolation = this.choice('isolation.level', ['read_committed', 'read_uncommitted'] as const) ?? 'read_uncommitted';
    config.readUncommitted = isolation === 'read_uncommitted';
    const mapping: readonly [string, 'sessionTimeout' | 'heartbeatInterval' | 'maxBytesPerPartition' | 'maxBytes' | 'minBytes' | 'maxWaitTimeInMs'][] = [
      ['session.timeout.ms', 'sessionTimeout'], ['heartbeat.interval.ms', 'heartbeatInterval'],
      ['max.partition.fetch.bytes', 'maxBytesPerPartition'], ['fetch.max.bytes', 'maxBytes'],
      ['fetch.min.bytes', 'minBytes'], ['fetch.max.wait.ms', 'maxWaitTimeInMs'],
    ];
    for (const [name, key] of mapping) {
      const value = this.integer(name);
      if (value !== undefined) config[key] = value;
    }
    config.maxWaitTimeInMs ??= 250;
    return config;
  }
}
