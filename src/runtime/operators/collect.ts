/** Delivers a query's changes to whoever started it (the embedded API, the CLI, the shell). */
import type { Value } from '../../common/values.js';
import { RowKind } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { batchRows } from '../batch.js';

export interface CollectedChange {
  readonly kind: RowKind;
  readonly values: Value[];
}

export interface CollectTarget {
  /** Called with each batch of changes, in order; the job waits for the returned promise (backpressure). */
  onChanges(changes: CollectedChange[], schema: Schema): Promise<void> | void;
  onEnd(): void;
}

export class CollectOperator implements Operator {
  constructor(private readonly target: CollectTarget) {}

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const rows = batchRows(message.batch, context.inputSchema);
    const changes = rows.map((values, i) => ({ kind: (message.rowKinds ? message.rowKinds[i] : RowKind.Insert) as RowKind, values }));
    await this.target.onChanges(changes, context.inputSchema);
  }

  endOfInput(): void {
    this.target.onEnd();
  }
}
