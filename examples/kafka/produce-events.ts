/**
 * Fills the example's input topic: `node --import tsx examples/kafka/produce-events.ts [count] [bootstrap]`
 * (default 200000 events, 127.0.0.1:9092). Creates `clicks` (4 partitions) and `click_counts` (2 partitions) if
 * missing. Events are 10 ms apart in event time, each up to 2 s out of order, keyed by user.
 */
import kafkajs from 'kafkajs';

const { Kafka, Partitioners, logLevel } = kafkajs;
const count = Number(process.argv[2] ?? 200_000);
const bootstrap = process.argv[3] ?? '127.0.0.1:9092';
const kafka = new Kafka({ clientId: 'sluice-example', brokers: [bootstrap], logLevel: logLevel.NOTHING });

const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: 'clicks', numPartitions: 4 }, { topic: 'click_counts', numPartitions: 2 }], waitForLeaders: true });
await admin.disconnect();

const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();
const start = Date.UTC(2024, 0, 1);
const started = Date.now();
for (let i = 0; i < count; i += 10_000) {
  const messages = [];
  for (let j = i; j < Math.min(count, i + 10_000); j++) {
    const user = `user-${(j * 7919) % 50}`;
    const ts = new Date(start + j * 10 - ((j * 104729) % 2000)).toISOString().replace('T', ' ').replace('Z', '');
    messages.push({ key: user, value: JSON.stringify({ user_id: user, url: `/page/${j % 20}`, ts }) });
  }
  await producer.send({ topic: 'clicks', acks: -1, messages });
}
await producer.disconnect();
console.error(`produced ${count} events to 'clicks' in ${Date.now() - started} ms`);
