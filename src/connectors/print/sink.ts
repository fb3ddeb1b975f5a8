/** The `print` sink: each row as Flink prints it, via the session's `printLine`; accepts updates. */
import type { RecordBatch } from 'apache-arrow';
import { RowKind } from '../../common/values.js';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import type { Schema } from '../../dataflow/schema.js';
import { readColumns } from '../../runtime/batch.js';
import type { SinkContext, SinkWriter } from '../../runtime/connector.js';
import type { TableMetrics } from '../../runtime/metrics.js';
import { ConnectorOptions } from '../options.js';
import { printedRow } from './format-row.js';

export const PRINT_OPTION_KEYS = ['print-identifier'] as const;

export interface PrintOptions {
  /** Prefix `identifier> ` of every line. */
  readonly identifier: string | undefined;
}

export function readPrintOptions(descriptor: ConnectorDescriptor): PrintOptions {
  const options = new ConnectorOptions(descriptor);
  options.rejectUnknownKeys((key) => (PRINT_OPTION_KEYS as readonly string[]).includes(key), PRINT_OPTION_KEYS);
  return { identifier: options.optional('print-identifier') };
}

export class PrintSink implements SinkWriter {
  private metrics: TableMetrics | undefined;
  private readonly prefix: string;

  constructor(private readonly schema: Schema, options: PrintOptions, private readonly printLine: (line: string) => void) {
    this.prefix = options.identifier === undefined ? '' : `${options.identifier}> `;
  }

  async open(context: SinkContext): Promise<void> {
    this.metrics = context.metrics;
  }

  async write(batch: RecordBatch, rowKinds: Uint8Array | undefined): Promise<void> {
    const columns = readColumns(batch, this.schema);
    const types = this.schema.fields.map((f) => f.type);
    for (let r = 0; r < batch.numRows; r++) {
      const kind = (rowKinds?.[r] ?? RowKind.Insert) as RowKind;
      this.printLine(this.prefix + printedRow(kind, columns.map((c) => c[r]!), types));
    }
    if (this.metrics) this.metrics.recordsWritten += batch.numRows;
  }

  async finish(): Promise<void> {}

  async abort(): Promise<void> {}
}
