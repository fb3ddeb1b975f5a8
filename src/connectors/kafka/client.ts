/**
 * kafkajs clients for the kafka connector. kafkajs logs to the console by default; Sluice reports failures as
 * errors instead, so client logs are off unless `SLUICE_KAFKA_LOG` is set (to a kafkajs level: ERROR, WARN, INFO,
 * DEBUG), in which case they go to stderr.
 */
import type { Kafka as KafkaClient, logCreator as LogCreator } from 'kafkajs';
import type { ClientProperties } from './client-properties.js';
import { kafkajs } from './kafkajs.js';

const stderrLogs: LogCreator = () => ({ namespace, level, log }) => {
  process.stderr.write(`kafkajs ${kafkajs().logLevel[level] ?? level} ${namespace}: ${log.message} ${JSON.stringify({ ...log, message: undefined })}\n`);
};

export function createKafka(properties: ClientProperties, defaultClientId: string): KafkaClient {
  const { Kafka, logLevel } = kafkajs();
  const levels: Readonly<Record<string, number>> = { ERROR: logLevel.ERROR, WARN: logLevel.WARN, INFO: logLevel.INFO, DEBUG: logLevel.DEBUG };
  const level = levels[(process.env['SLUICE_KAFKA_LOG'] ?? '').toUpperCase()];
  return new Kafka({ ...properties.kafkaConfig(defaultClientId), logLevel: level ?? logLevel.NOTHING, logCreator: stderrLogs });
}

/** A short readable reason for a kafkajs error. */
export function kafkaErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== error.message ? `${error.message} (${cause.message})` : error.message;
}
