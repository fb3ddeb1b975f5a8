/**
 * Partition discovery (`'scan.topic-partition-discovery.interval'`, as Flink's KafkaSourceEnumerator): every interval
 * an admin client lists the table's topics (the listed ones, or every topic matching `'topic-pattern'`) and their
 * partitions; partitions the source does not read yet are handed to `onFound` with their earliest offset, where
 * Flink starts discovered partitions. One round at a time; the first round runs one interval after the start.
 * A round that fails with a retriable Kafka error is tried again at the next interval; a non-retriable error, or
 * ten failed rounds in a row, fails the job (through `onError`), as a failed discovery does in Flink.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { KafkaSourceOptions } from './options.js';
import { partitionRanges, resolveTopics, type PartitionRange } from './partition-plan.js';

/** Consecutive failed rounds (retriable errors) after which discovery fails the job. */
const MAX_FAILED_ROUNDS = 10;

/** Whether a kafkajs error (or the error kafkajs gave up retrying on) is a retriable one. */
function isRetriable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { retriable?: unknown }).retriable === true) return true;
  }
  return false;
}

export class PartitionDiscovery {
  private admin: Admin | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;
  private failedRounds = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaSourceOptions,
    /** Whether the source reads (topic, partition) already. */
    private readonly isKnown: (topic: string, partition: number) => boolean,
    private readonly onFound: (partitions: readonly PartitionRange[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.options.discoveryIntervalMs > 0) this.schedule();
  }

  /** Ends discovery, waiting for a round under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.discover()
        .then(() => { this.failedRounds = 0; })
        .catch((error: unknown) => {
          // A broker still settling (e.g. a new partition's leader being elected) is retried at the next round.
          if (isRetriable(error) && ++this.failedRounds < MAX_FAILED_ROUNDS) return;
          this.stopped = true;
          this.onError(error);
        })
        .finally(() => {
          this.round = undefined;
          this.schedule();
        });
    }, this.options.discoveryIntervalMs);
  }

  /**
   * One round: the partitions of the table's topics not read yet, in topic then partition order. Partitions
   * without a leader yet (just created) wait for a later round.
   */
  private async discover(): Promise<void> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const admin = this.admin;
    const topics = await resolveTopics(admin, this.options, false);
    if (topics.length === 0 || this.stopped) return;
    const metadata = await admin.fetchTopicMetadata({ topics });
    const found: PartitionRange[] = [];
    for (const { name, partitions } of [...metadata.topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const fresh = new Set(partitions.filter((p) => p.leader >= 0 && !this.isKnown(name, p.partitionId)).map((p) => p.partitionId));
      if (fresh.size === 0 || this.stopped) continue;
      found.push(...(await partitionRanges(admin, name)).filter((r) => fresh.has(r.partition)));
    }
    if (found.length > 0 && !this.stopped) await this.onFound(found);
  }
}
