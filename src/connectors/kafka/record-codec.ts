/**
 * Encoding and decoding of one Kafka record part (key or value) with a format: `json` (the json format's
 * decoder, lossless numbers), `csv` (one CSV record) or `raw` (the bytes as one STRING column, UTF-8).
 * Each part covers a subset of the table's physical columns (`key.fields`, `value.fields-include`).
 */
import type { ReadMask } from '../../dataflow/graph.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { ConnectorError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { decodeCsvFields } from '../formats/csv.js';
import { createFormat, type FormatWriter } from '../formats/index.js';
import { JsonRowDecoder } from '../formats/json.js';
import { ConnectorOptions } from '../options.js';

export const PART_FORMATS = ['json', 'csv', 'raw'] as const;
export type PartFormatName = (typeof PART_FORMATS)[number];

export interface RecordPartCodec {
  readonly format: PartFormatName;
  readonly ignoreParseErrors: boolean;
  /** Values of the part's columns, or why the bytes are malformed; `location` names topic, partition and offset. */
  decode(bytes: Buffer, location: string): Value[] | ConnectorError;
  encode(values: readonly Value[]): Buffer;
}

/**
 * A codec for `schema` (the part's columns) from options already stripped of the part's prefix: `format` and the
 * format's own options (`json.ignore-parse-errors`, `csv.field-delimiter`, …).
 */
export function createPartCodec(options: ConnectorOptions, schema: Schema, part: 'key' | 'value', readMask?: ReadMask): RecordPartCodec {
  const name = options.choice('format', PART_FORMATS)!;
  if (name === 'raw') return rawCodec(options, schema, part);
  const format = createFormat(options, schema);
  const writer = format.createWriter();
  if (name === 'json') {
    const decoder = new JsonRowDecoder(schema, {
      ignoreParseErrors: format.ignoreParseErrors,
      failOnMissingField: options.boolean('json.fail-on-missing-field', false),
      ...(readMask ? { readMask } : {}),
    });
    return {
      format: name,
      ignoreParseErrors: format.ignoreParseErrors,
      decode: (bytes, location) => relocate(decoder.decodeLine(bytes.toString('utf8'), '', 1), location, part),
      encode: (values) => encodeLine(writer, values),
    };
  }
  const delimiter = unescapeTab(options.optional('csv.field-delimiter') ?? ',');
  const quote = options.optional('csv.quote-character') ?? '"';
  const nullLiteral = options.optional('csv.null-literal');
  return {
    format: name,
    ignoreParseErrors: format.ignoreParseErrors,
    decode: (bytes, location) => {
      let records: string[][];
      try {
        records = parseCsv(bytes.toString('utf8'), { delimiter, quote, relax_column_count: true, bom: true }) as string[][];
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return new ConnectorError(`Malformed CSV in the record ${part}: ${reason}`, { location, cause: error });
      }
      const fields = records.length === 0 ? [''] : records[0]!;
      if (records.length > 1) return new ConnectorError(`Malformed CSV in the record ${part}: expected one CSV record, found ${records.length}`, { location });
      return relocate(decodeCsvFields(schema, fields, nullLiteral, ''), location, part);
    },
    encode: (values) => encodeLine(writer, values),
  };
}

function unescapeTab(text: string): string {
  return text === '\\t' ? '\t' : text;
}

function encodeLine(writer: FormatWriter, values: readonly Value[]): Buffer {
  const line = writer.encode(values);
  return Buffer.from(line.endsWith('\n') ? line.slice(0, -1) : line, 'utf8');
}

/** Moves a format error (located as `:line:column` in a file) to the Kafka record: `topic t partition p offset o`. */
function relocate(decoded: Value[] | ConnectorError, location: string, part: 'key' | 'value'): Value[] | ConnectorError {
  if (!(decoded instanceof ConnectorError)) return decoded;
  const column = /:\d+:(\d+)$/.exec(decoded.location ?? '')?.[1];
  const where = `${location}, ${part}${column !== undefined && column !== '1' ? ` column ${column}` : ''}`;
  const options: { location: string; cause: ConnectorError; hint?: string } = { location: where, cause: decoded };
  if (decoded.hint !== undefined) options.hint = decoded.hint;
  return new ConnectorError(decoded.detail, options);
}

function rawCodec(options: ConnectorOptions, schema: Schema, part: 'key' | 'value'): RecordPartCodec {
  const field = schema.fields[0];
  if (schema.fields.length !== 1 || field === undefined || field.type.kind !== 'STRING') {
    throw options.error(`the 'raw' ${part} format needs exactly one STRING column, but the ${part} has ${schema.fields.length} column(s)${field && schema.fields.length === 1 ? ` of type ${field.type.kind}` : ''}`);
  }
  return {
    format: 'raw',
    ignoreParseErrors: false,
    decode: (bytes) => [bytes.toString('utf8')],
    encode: (values) => Buffer.from(values[0] === null || values[0] === undefined ? '' : String(values[0]), 'utf8'),
  };
}

/** The options of one part: `key.format` + `key.json.*` for the key; `format` or `value.format` + `json.*` or `value.json.*` for the value. */
export function partOptions(options: ConnectorOptions, part: 'key' | 'value'): ConnectorOptions | undefined {
  const renamed: Record<string, string> = {};
  for (const key of options.keys()) {
    const value = options.optional(key)!;
    if (part === 'key') {
      if (key.startsWith('key.') && key !== 'key.fields') renamed[key.slice('key.'.length)] = value;
    } else if (key === 'format' || key === 'value.format') {
      renamed['format'] = value;
    } else if (/^(json|csv)\./.test(key)) {
      renamed[key] = value;
    } else if (/^value\.(json|csv)\./.test(key)) {
      renamed[key.slice('value.'.length)] = value;
    }
  }
  if (renamed['format'] === undefined) return undefined;
  return new ConnectorOptions({ table: options.table, connector: options.connector, options: renamed });
}
