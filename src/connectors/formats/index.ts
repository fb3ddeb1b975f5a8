/** The formats the filesystem connector reads and writes, chosen by the `format` option. */
import { formatType, isNested } from '../../common/types.js';
import type { Schema } from '../../dataflow/schema.js';
import type { ReadMask } from '../../dataflow/graph.js';
import type { ConnectorOptions } from '../options.js';
import { CSV_OPTION_KEYS, csvFormat } from './csv.js';
import type { Format } from './format.js';
import { JSON_OPTION_KEYS, TIMESTAMP_STANDARDS, jsonFormat } from './json.js';

export type { DecodedRecord, Format, FormatReader, FormatWriter } from './format.js';

export const FORMAT_NAMES = ['json', 'csv'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Option keys each format accepts (besides `format` itself). */
export const FORMAT_OPTION_KEYS: Readonly<Record<FormatName, readonly string[]>> = {
  json: JSON_OPTION_KEYS,
  csv: CSV_OPTION_KEYS,
};

/** Reads the required `format` option and that format's own options; throws ConnectorError on bad values. */
/** `readMask`: what of `schema` the job reads (see ConnectorDescriptor.readMask); formats that can, skip the rest. */
export function createFormat(options: ConnectorOptions, schema: Schema, readMask?: ReadMask): Format {
  options.required('format');
  const name = options.choice('format', FORMAT_NAMES)!;
  switch (name) {
    case 'json':
      return jsonFormat(schema, {
        ignoreParseErrors: options.boolean('json.ignore-parse-errors', false),
        failOnMissingField: options.boolean('json.fail-on-missing-field', false),
        timestampStandard: options.choice('json.timestamp-format.standard', TIMESTAMP_STANDARDS, 'SQL')!,
        ...(readMask ? { readMask } : {}),
      });
    case 'csv': {
      const nested = schema.fields.find((f) => isNested(f.type));
      if (nested !== undefined) {
        throw options.error(`the 'csv' format cannot hold column '${nested.name}' of type ${formatType(nested.type)}`, "use 'format' = 'json' for ROW, ARRAY and MAP columns");
      }
      return csvFormat(schema, {
        fieldDelimiter: singleCharacter(options, 'csv.field-delimiter', ','),
        quoteCharacter: singleCharacter(options, 'csv.quote-character', '"'),
        ignoreParseErrors: options.boolean('csv.ignore-parse-errors', false),
        nullLiteral: options.optional('csv.null-literal'),
      });
    }
  }
}

function singleCharacter(options: ConnectorOptions, key: string, fallback: string): string {
  const raw = options.optional(key);
  if (raw === undefined) return fallback;
  const value = raw === '\\t' ? '\t' : raw;
  if (value.length !== 1 || value === '\n' || value === '\r') throw options.error(`option '${key}' must be a single character, got '${raw}'`);
  return value;
}
