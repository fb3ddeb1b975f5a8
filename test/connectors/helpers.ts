/** Shared helpers for connector tests: temp directories, contexts, draining sources. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import type { Value } from '../../src/common/values.js';
import type { ConnectorDescriptor } from '../../src/dataflow/graph.js';
import type { Schema } from '../../src/dataflow/schema.js';
import { batchRows } from '../../src/runtime/batch.js';
import type { SourceContext, SourceReader } from '../../src/runtime/connector.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { batchOf } from '../../src/runtime/connector.js';

export function tempDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-connectors-'));
}

export function writeFile(directory: string, name: string, text: string): string {
  const file = path.join(directory, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export function descriptor(table: string, connector: string, schema: Schema, options: Record<string, string>): ConnectorDescriptor {
  return { table, connector, schema, options };
}

export function sourceContext(batchSize = 1024, signal: AbortSignal = new AbortController().signal): SourceContext & { metrics: TableMetrics } {
  return { batchSize, signal, metrics: new TableMetrics('t') };
}

export interface Drained {
  readonly batches: RecordBatch[];
  readonly rows: Value[][];
}

export async function drain(source: SourceReader, schema: Schema, context: SourceContext = sourceContext()): Promise<Drained> {
  const batches: RecordBatch[] = [];
  for await (const item of source.read(context)) batches.push(batchOf(item));
  return { batches, rows: batches.flatMap((b) => batchRows(b, schema)) };
}
