/**
 * The `csv` format: no header, columns by position, RFC 4180 quoting (fields may hold delimiters, doubled
 * quotes and line breaks). NULL: a field equal to `csv.null-literal` (when set) is NULL; otherwise an empty
 * field is NULL for every type but STRING, where it is the empty string (as in Flink). Written NULLs are the
 * null literal, or an empty field.
 */
import type { Readable } from 'node:stream';
import { CsvError, parse as createCsvParser, type Info } from 'csv-parse';
import { ConnectorError } from '../../common/errors.js';
import { formatDecimal } from '../../common/decimal.js';
import { javaFloatText } from '../../common/java-float-text.js';
import { formatDate } from '../../common/time.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { ConversionProblem, convertValue, fieldProblemMessage } from './convert.js';
import type { DecodedRecord, Format, FormatReader, FormatWriter } from './format.js';
import { csvTimeText, instantFormatText, timestampFormatText } from './temporal-text.js';

export interface CsvFormatOptions {
  readonly fieldDelimiter: string;
  readonly quoteCharacter: string;
  readonly ignoreParseErrors: boolean;
  readonly nullLiteral: string | undefined;
}

export const CSV_OPTION_KEYS = ['csv.field-delimiter', 'csv.quote-character', 'csv.ignore-parse-errors', 'csv.null-literal'] as const;

const CSV_POLICY = { epochMillisNumbers: false } as const;

interface ParsedRecord {
  readonly info: Info;
  readonly record: string[];
  /** The record's text (with `raw: true`, set when malformed records are skipped and kept). */
  readonly raw?: string;
}

/** Number of line breaks (`\r\n`, `\n` or `\r`) inside a record's field values. */
function lineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const text of fields) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) count++;
      else if (c === 13) { count++; if (text.charCodeAt(i + 1) === 10) i++; }
    }
  }
  return count;
}

/** Decodes the fields of one CSV record into values in schema order. */
export function decodeCsvFields(schema: Schema, fields: readonly string[], nullLiteral: string | undefined, location: string): Value[] | ConnectorError {
  if (fields.length !== schema.fields.length) {
    return new ConnectorError(`Expected ${schema.fields.length} columns but found ${fields.length}`, { location });
  }
  const values = new Array<Value>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const field = schema.fields[i]!;
    const text = fields[i]!;
    if (nullLiteral !== undefined && text === nullLiteral) { values[i] = null; continue; }
    if (field.type.kind === 'STRING') { values[i] = text; continue; }
    if (text.trim() === '') { values[i] = null; continue; }
    const converted = convertValue(text, field.type, CSV_POLICY);
    if (converted instanceof ConversionProblem) {
      return new ConnectorError(fieldProblemMessage(field.name, field.type, converted, `field '${field.name}' (column ${i + 1})`), { location });
    }
    values[i] = converted;
  }
  return values;
}

class CsvReader implements FormatReader {
  constructor(private readonly schema: Schema, private readonly options: CsvFormatOptions) {}

  async *records(input: Readable, displayName: string): AsyncIterable<DecodedRecord> {
    const skipped: ConnectorError[] = [];
    const parser = createCsvParser({
      delimiter: this.options.fieldDelimiter,
      quote: this.options.quoteCharacter,
      bom: true,
      info: true,
      raw: this.options.ignoreParseErrors,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: this.options.ignoreParseErrors,
      on_skip: (error) => {
        if (error) skipped.push(csvSyntaxError(error, displayName));
        return undefined;
      },
    });
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);
    let nextLine = 1;
    let emptyLinesSeen = 0;
    try {
      for await (const chunk of parser) {
        const { info, record, raw } = chunk as ParsedRecord;
        while (skipped.length > 0) yield { kind: 'malformed', error: skipped.shift()! };
        const startLine = nextLine + (info.empty_lines - emptyLinesSeen);
        emptyLinesSeen = info.empty_lines;
        nextLine = startLine + lineBreaks(record) + 1;
        const decoded = decodeCsvFields(this.schema, record, this.options.nullLiteral, `${displayName}:${startLine}`);
        if (!(decoded instanceof ConnectorError)) yield { kind: 'row', values: decoded };
        else yield raw === undefined ? { kind: 'malformed', error: decoded } : { kind: 'malformed', error: decoded, raw: raw.replace(/\r?\n$/, '') };
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      yield { kind: 'malformed', error: csvSyntaxError(error, displayName) };
      return;
    } finally {
      input.unpipe(parser);
      input.destroy();
    }
    while (skipped.length > 0) yield { kind: 'malformed', error: skipped.shift()! };
  }
}

function csvSyntaxError(error: CsvError, displayName: string): ConnectorError {
  const lines = (error as CsvError & { lines?: number }).lines;
  const detail = error.message.replace(/ at line \d+/, '');
  return new ConnectorError(`Malformed CSV: ${detail}`, { location: `${displayName}:${lines ?? 1}`, cause: error });
}

/** The CSV text of one value before quoting. */
export function csvValueText(value: Value, type: DataType): string {
  switch (type.kind) {
    case 'DECIMAL': return formatDecimal(value as bigint, type.scale);
    case 'TIMESTAMP': return timestampFormatText(value, type.precision); // as Flink: 2020-04-15 08:05:00, …:00.1
    case 'TIMESTAMP_LTZ': return instantFormatText(value, type.precision); // UTC, as Flink: 2024-06-01 00:00:00Z
    case 'DATE': return formatDate(value as number);
    case 'TIME': return csvTimeText(value as number);
    case 'FLOAT': return javaFloatText(value as number); // Java's Float.toString, as Flink's CSV writer
    case 'BYTES': return Buffer.from(value as Uint8Array).toString('base64');
    default: return String(value);
  }
}

/** Types Flink's CSV writer writes as JSON text nodes, quoted by Jackson's rule; numbers and booleans are written bare. */
const TEXT_KINDS: ReadonlySet<string> = new Set(['STRING', 'CHAR', 'VARCHAR', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'BYTES']);

/**
 * Quotes as Flink's CSV writer does — Jackson's CsvEncoder with its default (loose) check: a text value is quoted
 * when it is longer than 24 UTF-16 units or has a character below the "safe" one, one past the highest of the field
 * delimiter, the quote character and the line feed (`,` makes it `-`: a space, `#`, `+`, `(`… mean quotes, so
 * `2020-04-15 08:05:00` is written `"2020-04-15 08:05:00"`). Numbers and booleans are quoted only when they hold
 * the delimiter (Jackson writes them bare even then, which could not be read back).
 */
class CsvWriter implements FormatWriter {
  private readonly quote: string;
  private readonly minSafeChar: number;
  private readonly needsQuoting: RegExp;
  private readonly text: readonly boolean[];

  constructor(private readonly schema: Schema, private readonly options: CsvFormatOptions) {
    this.quote = options.quoteCharacter;
    this.minSafeChar = Math.max(options.fieldDelimiter.charCodeAt(0), options.quoteCharacter.charCodeAt(0), 10) + 1;
    const special = [options.fieldDelimiter, options.quoteCharacter].map((c) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
    this.needsQuoting = new RegExp(`${special}|\\r|\\n`);
    this.text = schema.fields.map((field) => TEXT_KINDS.has(field.type.kind));
  }

  encode(row: readonly Value[]): string {
    const parts = new Array<string>(this.schema.fields.length);
    for (let i = 0; i < parts.length; i++) {
      const value = row[i] ?? null;
      if (value === null) { parts[i] = this.options.nullLiteral ?? ''; continue; }
      const text = csvValueText(value, this.schema.fields[i]!.type);
      const quoted = this.text[i] ? this.mayNeedQuotes(text) : this.needsQuoting.test(text);
      parts[i] = quoted ? this.quote + text.split(this.quote).join(this.quote + this.quote) + this.quote : text;
    }
    return `${parts.join(this.options.fieldDelimiter)}\n`;
  }

  private mayNeedQuotes(text: string): boolean {
    if (text.length > 24) return true;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < this.minSafeChar) return true;
    return false;
  }
}

export function csvFormat(schema: Schema, options: CsvFormatOptions): Format {
  return {
    name: 'csv',
    fileExtension: 'csv',
    ignoreParseErrors: options.ignoreParseErrors,
    createReader: () => new CsvReader(schema, options),
    createWriter: () => new CsvWriter(schema, options),
  };
}
