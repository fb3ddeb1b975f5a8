/**
 * kafkajs, loaded on first use rather than when the connectors are registered: a job without a Kafka table does not
 * pay its ~80 ms of module loading at start-up. (kafkajs is CommonJS, so a synchronous require serves.)
 */
import { createRequire } from 'node:module';

type KafkaJs = typeof import('kafkajs');

const requireModule = createRequire(import.meta.url);
let loaded: KafkaJs | undefined;

export function kafkajs(): KafkaJs {
  return (loaded ??= requireModule('kafkajs') as KafkaJs);
}
