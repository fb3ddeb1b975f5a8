/**
 * A Kafka broker for one test file. Reuses, in order: SLUICE_KAFKA_BOOTSTRAP (set by `npm test`, which starts one
 * broker for the whole run, see scripts/kafka/with-broker.ts), the broker of `npm run kafka -- start`, or starts its
 * own (stopped when the file's tests end). Without Java or Maven the Kafka tests are skipped with a loud message,
 * unless SLUICE_REQUIRE_KAFKA=1, in which case they fail.
 */
import { after } from 'node:test';
import kafkajs from 'kafkajs';
import type { Admin, Kafka, KafkaMessage, Message } from 'kafkajs';
import { BrokerError, readState, startBroker, waitForBroker, type RunningBroker } from '../../scripts/kafka/broker.js';

const { Kafka: KafkaClient, logLevel, Partitioners } = kafkajs;

export interface TestKafka {
  /** Set when there is no broker: pass as the `skip` option of every Kafka test. */
  readonly skip: string | false;
  readonly bootstrap: string;
  /** A topic name unique to this run. */
  topic(prefix: string): string;
  createTopic(name: string, partitions: number): Promise<void>;
  /** Produces `messages` to `topic` (partition from the message when given), acks=-1. */
  produce(topic: string, messages: readonly Message[]): Promise<void>;
  /** Reads every record currently in `topic` (all partitions, from the beginning up to the end offsets of now). */
  readAll(topic: string): Promise<ConsumedRecord[]>;
  client(): Kafka;
}

export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly timestamp: number;
}

const NO_BROKER = { skip: 'no Kafka broker (Java or Maven missing)', bootstrap: '' };

function loudSkip(reason: string): void {
  const bar = '!'.repeat(100);
  process.stderr.write(`\n${bar}\n!!! KAFKA TESTS SKIPPED: ${reason}.\n!!! Install Java 17+ and Maven (or set SLUICE_KAFKA_BOOTSTRAP) to run them; CI sets SLUICE_REQUIRE_KAFKA=1 to fail instead.\n${bar}\n\n`);
}

async function locateBroker(): Promise<{ bootstrap: string; owned?: RunningBroker } | { skip: string }> {
  const given = process.env['SLUICE_KAFKA_BOOTSTRAP'];
  if (given) {
    await waitForBroker(given, 120_000);
    return { bootstrap: given };
  }
  const running = readState();
  if (running) return { bootstrap: running.bootstrap };
  try {
    const owned = await startBroker({ log: (line) => process.stderr.write(`kafka: ${line}\n`) });
    return { bootstrap: owned.bootstrap, owned };
  } catch (error) {
    if (error instanceof BrokerError && error.missingTool !== undefined && process.env['SLUICE_REQUIRE_KAFKA'] !== '1') {
      return { skip: error.message };
    }
    throw error;
  }
}

/** Finds or starts a broker for this test file (call once, at the top level). */
export async function useKafka(): Promise<TestKafka> {
  const located = await locateBroker();
  if ('skip' in located) {
    loudSkip(located.skip);
    return { ...NO_BROKER, skip: `${NO_BROKER.skip}: ${located.skip}`, topic: (p) => p, createTopic: async () => {}, produce: async () => {}, readAll: async () => [], client: () => { throw new Error('no broker'); } };
  }
  const { bootstrap, owned } = located as { bootstrap: string; owned?: RunningBroker };
  const kafka = new KafkaClient({ clientId: 'sluice-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  let admin: Admin | undefined;
  // Idempotent: a produce request retried after a transient broker error (e.g. just after a topic is created) must not
  // write its records twice (seen in CI: a partition holding its first records again).
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  let producerConnected = false;
  const run = `${process.pid}-${Date.now().toString(36)}`;
  let counter = 0;
  after(async () => {
    // A test that timed out may leave a job's Kafka consumer connected (or a client hanging on disconnect), which
    // would keep this file's process alive forever; its results are reported by now, so end it if it does not end.
    setTimeout(() => {
      process.stderr.write('kafka tests: still running 30 s after the last test (open handles); exiting\n');
      process.exit();
    }, 30_000).unref();
    if (producerConnected) await producer.disconnect();
    await admin?.disconnect();
    await owned?.stop();
  });
  const connectedAdmin = async (): Promise<Admin> => {
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    return admin;
  };
  return {
    skip: false,
    bootstrap,
    topic: (prefix) => `${prefix}-${run}-${++counter}`,
    async createTopic(name, partitions) {
      const topicAdmin = await connectedAdmin();
      await topicAdmin.createTopics({ topics: [{ topic: name, numPartitions: partitions }], waitForLeaders: false });
      // kafkajs's own wait (waitForLeaders) gives up when the broker answers "does not host this topic-partition"
      // for a moment after creating it (seen in CI): wait for every partition's leader here, retrying such answers.
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const found = (await topicAdmin.fetchTopicMetadata({ topics: [name] })).topics[0]?.partitions ?? [];
          if (found.length === partitions && found.every((p) => p.leader >= 0)) return;
        } catch (error) {
          if ((error as { retriable?: boolean }).retriable !== true || Date.now() > deadline) throw error;
        }
        if (Date.now() > deadline) throw new Error(`topic ${name}: ${partitions} partitions with leaders not seen within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async produce(topic, messages) {
      if (!producerConnected) {
        await producer.connect();
        producerConnected = true;
      }
      for (let i = 0; i < messages.length; i += 5_000) {
        await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 5_000) });
      }
    },
    readAll: async (topic) => readAll(kafka, await connectedAdmin(), topic),
    client: () => kafka,
  };
}

async function readAll(kafka: Kafka, admin: Admin, topic: string): Promise<ConsumedRecord[]> {
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  const remaining = new Set([...ends].filter(([, end]) => end > 0).map(([p]) => p));
  const records: ConsumedRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `sluice-test-reader-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), 60_000);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages as KafkaMessage[]) {
            records.push({
              partition: batch.partition,
              offset: Number(message.offset),
              key: message.key === null ? null : message.key.toString('utf8'),
              value: message.value === null ? null : message.value.toString('utf8'),
              timestamp: Number(message.timestamp),
            });
            if (Number(message.offset) >= ends.get(batch.partition)! - 1) remaining.delete(batch.partition);
          }
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
