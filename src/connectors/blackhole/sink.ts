/** The `blackhole` sink: discards every row, counting them (for benchmarks and tests). */
import type { RecordBatch } from 'apache-arrow';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import type { SinkContext, SinkWriter } from '../../runtime/connector.js';
import type { TableMetrics } from '../../runtime/metrics.js';
import { ConnectorOptions } from '../options.js';

export function validateBlackholeOptions(descriptor: ConnectorDescriptor): void {
  new ConnectorOptions(descriptor).rejectUnknownKeys(() => false, []);
}

export class BlackholeSink implements SinkWriter {
  private metrics: TableMetrics | undefined;

  async open(context: SinkContext): Promise<void> {
    this.metrics = context.metrics;
  }

  async write(batch: RecordBatch): Promise<void> {
    if (this.metrics) this.metrics.recordsWritten += batch.numRows;
  }

  async finish(): Promise<void> {}

  async abort(): Promise<void> {}
}
