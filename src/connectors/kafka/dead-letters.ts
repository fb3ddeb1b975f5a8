/**
 * The dead-letter topic of a kafka source (`'scan.dead-letter.topic'`): a malformed record is sent there unchanged
 * (same key and value bytes) with headers saying why and where it came from — `sluice.error` (the error message),
 * `sluice.topic`, `sluice.partition`, `sluice.offset`, `sluice.table` — and counted as malformed, instead of failing
 * the job. Each send is acknowledged by all in-sync replicas before the source goes on (malformed records are rare;
 * losing one silently would be worse). With checkpoints, records re-read after a restore are sent again:
 * at-least-once.
 */
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { kafkajs } from './kafkajs.js';
import type { ConnectorError } from '../../common/errors.js';


export class DeadLetters {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly table: string,
    private readonly fail: (what: string, error: unknown) => ConnectorError,
  ) {}

  async send(message: KafkaMessage, source: { readonly topic: string; readonly partition: number }, error: ConnectorError): Promise<void> {
    if (!this.producer) {
      const producer = this.kafka.producer({ createPartitioner: kafkajs().Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
      try {
        await producer.connect();
      } catch (caught) {
        throw this.fail(`cannot connect to send malformed records to dead-letter topic '${this.topic}'`, caught);
      }
      this.producer = producer;
    }
    try {
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: [{
          key: message.key,
          value: message.value,
          headers: {
            'sluice.error': error.message,
            'sluice.table': this.table,
            'sluice.topic': source.topic,
            'sluice.partition': String(source.partition),
            'sluice.offset': message.offset,
          },
        }],
      });
    } catch (caught) {
      throw this.fail(`cannot send a malformed record (${source.topic}/${source.partition}@${message.offset}) to dead-letter topic '${this.topic}'`, caught);
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
