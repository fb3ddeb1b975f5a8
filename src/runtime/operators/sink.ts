/** Hands batches to a connector's SinkWriter; publishes on end of input, aborts on failure or cancel. */
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { SinkWriter } from '../connector.js';

export class SinkOperator implements Operator {
  private finished = false;

  constructor(private readonly writer: SinkWriter, private readonly table: string) {}

  async open(context: OperatorContext): Promise<void> {
    await this.writer.open({ metrics: context.jobMetrics.table(this.table) });
  }

  async processBatch(message: DataMessage): Promise<void> {
    await this.writer.write(message.batch, message.rowKinds);
  }

  async endOfInput(): Promise<void> {
    await this.writer.finish();
    this.finished = true;
  }

  async close(): Promise<void> {
    if (!this.finished) await this.writer.abort();
  }
}
