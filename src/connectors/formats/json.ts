/**
 * The `json` format: one JSON object per line, fields by column name. Numbers are parsed losslessly (BIGINT and
 * DECIMAL keep every digit); TIMESTAMP reads `yyyy-MM-dd HH:mm:ss[.fraction]` (or ISO with `T`) and is written as
 * Flink writes it, `yyyy-MM-dd HH:mm:ss` plus only the fraction digits needed (temporal-text.ts); DECIMAL and BIGINT
 * are written as JSON numbers with their exact digits.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseLosslessJson } from 'lossless-json';
import { ConnectorError } from '../../common/errors.js';
import { formatDecimal } from '../../common/decimal.js';
import { javaFloatText } from '../../common/java-float-text.js';
import { formatDate } from '../../common/time.js';
import type { DataType } from '../../common/types.js';
import type { ArrayValue, MapValue, Value } from '../../common/values.js';
import type { ReadMask } from '../../dataflow/graph.js';
import type { Field, Schema } from '../../dataflow/schema.js';
import { ConversionProblem, convertValue, fieldProblemMessage, JsonNumber, SourceTextNeeded } from './convert.js';
import { hasLongDigitRunInBytes } from './json-bytes.js';
import type { DecodedRecord, Format, FormatReader, FormatWriter } from './format.js';
import { instantFormatText, jsonTimeText, timestampFormatText } from './temporal-text.js';

export interface JsonFormatOptions {
  readonly ignoreParseErrors: boolean;
  /** A field missing from an object is an error (default: NULL). */
  readonly failOnMissingField: boolean;
  /** What of the schema the job reads: a field it does not read is taken as NULL, unconverted (Flink's projection push-down). */
  readonly readMask?: ReadMask;
  /**
   * `'json.timestamp-format.standard'`: how TIMESTAMP and TIMESTAMP_LTZ values are written — `SQL` (default,
   * `2020-04-15 08:05:00`) or `ISO-8601` (`2020-04-15T08:05:00`). Reading takes either form whatever the setting.
   */
  readonly timestampStandard?: TimestampStandard;
}

export type TimestampStandard = 'SQL' | 'ISO-8601';
export const TIMESTAMP_STANDARDS: readonly TimestampStandard[] = ['SQL', 'ISO-8601'];

export const JSON_OPTION_KEYS = ['json.ignore-parse-errors', 'json.fail-on-missing-field', 'json.timestamp-format.standard'] as const;

const JSON_POLICY = { epochMillisNumbers: false } as const;
/** For values JSON.parse read: a number read as STRING asks for the lossless parse (convert.ts). */
const NATIVE_JSON_POLICY = { epochMillisNumbers: false, numbersWithoutText: true } as const;

function parseJsonNumber(text: string): JsonNumber {
  return new JsonNumber(text);
}

const utf8Encoder = new TextEncoder();

/**
 * 16 or more digits (a decimal point between them allowed) may not survive a double: 2^53 has 16 digits, and a
 * double holds 15 significant decimal digits exactly. Such lines take the lossless parser. (Over the text's UTF-8
 * bytes: a character outside ASCII is encoded as bytes that are neither digits nor dots, so runs are the same.)
 */
export function hasLongDigitRun(text: string): boolean {
  return hasLongDigitRunInBytes(utf8Encoder.encode(text));
}

/**
 * Native JSON.parse where every number is exact as a double (no run of 16 digits, the common case: it is several
 * times faster), else the lossless parser, which keeps each number's digits (and text). A line native parsing
 * rejects goes to the lossless parser too, for its error message and position. `lossless` forces that parser.
 */
function parseJsonLine(line: string, shortNumbers: boolean, lossless = false): { value: unknown; native: boolean } {
  if (!lossless && (shortNumbers || !hasLongDigitRun(line))) {
    try {
      return { value: JSON.parse(line) as unknown, native: true };
    } catch {
      // fall through: the lossless parser reports where and why
    }
  }
  return { value: parseLosslessJson(line, null, parseJsonNumber), native: false };
}

/** 1-based column of the value of top-level key `name` in `line`, or 1 when it cannot be found. */
export function valueColumn(line: string, name: string): number {
  const escaped = JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\s*:\\s*`).exec(line);
  return match ? match.index + match[0].length + 1 : 1;
}

/** Decodes one JSON line into values in schema order. */
export class JsonRowDecoder {
  constructor(private readonly schema: Schema, private readonly options: JsonFormatOptions) {}

  /**
   * `shortNumbers`: the caller has checked that the line has no run of 16 digits (`hasLongDigitRun` over a whole
   * chunk of lines costs less than over each line).
   */
  decodeLine(line: string, file: string, lineNumber: number, shortNumbers = false, lossless = false): Value[] | ConnectorError {
    let parsed: { value: unknown; native: boolean };
    try {
      parsed = parseJsonLine(line, shortNumbers, lossless);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      const column = position ? Number(position[1]) + 1 : 1;
      return new ConnectorError(`Malformed JSON: ${message.replace(/ at position \d+$/, '')}`, { location: `${file}:${lineNumber}:${column}`, cause: error });
    }
    const { value, native } = parsed;
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof JsonNumber) {
      return new ConnectorError('Malformed JSON: expected an object per line', { location: `${file}:${lineNumber}:1` });
    }
    const object = value as Record<string, unknown>;
    if (this.options.readMask) blankUnread(object, this.schema.fields, this.options.readMask);
    const values = new Array<Value>(this.schema.fields.length);
    const policy = native ? NATIVE_JSON_POLICY : JSON_POLICY;
    for (let i = 0; i < this.schema.fields.length; i++) {
      const field = this.schema.fields[i]!;
      if (!Object.prototype.hasOwnProperty.call(object, field.name)) {
        if (this.options.failOnMissingField) {
          return new ConnectorError(`Missing field '${field.name}'`, { location: `${file}:${lineNumber}:1`, hint: "'json.fail-on-missing-field' is true" });
        }
        values[i] = null;
        continue;
      }
      const converted = convertValue(object[field.name], field.type, policy);
      // A number read as STRING: its text as written (`1.0`, not `1`), which only the lossless parser keeps.
      if (converted instanceof SourceTextNeeded) return this.decodeLine(line, file, lineNumber, shortNumbers, true);
      if (converted instanceof ConversionProblem) {
        const location = `${file}:${lineNumber}:${valueColumn(line, field.name)}`;
        return new ConnectorError(fieldProblemMessage(field.name, field.type, converted), { location });
      }
      values[i] = converted;
    }
    return values;
  }
}

/**
 * Sets the present fields the job does not read to null in a freshly parsed object, so they are not converted (a
 * missing field stays missing, for 'json.fail-on-missing-field'); the columnar decoder skips the same fields.
 */
function blankUnread(object: Record<string, unknown>, fields: readonly { readonly name: string; readonly type: DataType }[], mask: ReadMask): void {
  for (let i = 0; i < fields.length; i++) {
    const read = mask[i];
    if (read === true || read === undefined) continue;
    const name = fields[i]!.name;
    if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
    if (read === false) object[name] = null;
    else blankUnreadRow(object[name], fields[i]!.type, read);
  }
}

/** A ROW value read in part: an object's unread members, or an array's unread positions (a ROW given as a list). */
function blankUnreadRow(value: unknown, type: DataType, mask: ReadMask): void {
  if (type.kind !== 'ROW' || value === null || typeof value !== 'object' || value instanceof JsonNumber) return;
  if (!Array.isArray(value)) {
    blankUnread(value as Record<string, unknown>, type.fields, mask);
    return;
  }
  for (let i = 0; i < type.fields.length && i < value.length; i++) {
    const read = mask[i];
    if (read === false) value[i] = null;
    else if (read !== true && read !== undefined) blankUnreadRow(value[i], type.fields[i]!.type, read);
  }
}

class JsonLinesReader implements FormatReader {
  constructor(private readonly decoder: JsonRowDecoder) {}

  async *records(input: Readable, displayName: string): AsyncIterable<DecodedRecord> {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNumber = 0;
    try {
      for await (const rawLine of lines) {
        lineNumber++;
        const line = lineNumber === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
        if (line.trim() === '') continue;
        const decoded = this.decoder.decodeLine(line, displayName, lineNumber);
        yield decoded instanceof ConnectorError ? { kind: 'malformed', error: decoded, raw: line } : { kind: 'row', values: decoded };
      }
    } finally {
      lines.close();
    }
  }
}

/** The JSON text of one value (numbers with exact digits, TIMESTAMP as `yyyy-MM-dd HH:mm:ss[.fraction]`). */
export function jsonValueText(value: Value, field: Field, standard: TimestampStandard = 'SQL'): string {
  return jsonText(value, field.type, standard);
}

/**
 * The JSON text of a value of `type`. BYTES are base64 strings, ROW an object by field name, ARRAY an array, MAP an
 * object whose keys are the keys' JSON text when they are strings, else their text (as Flink's JSON format).
 */
export function jsonText(value: Value, type: DataType, standard: TimestampStandard = 'SQL'): string {
  if (value === null) return 'null';
  const dateTime = (text: string): string => `"${standard === 'ISO-8601' ? text.replace(' ', 'T') : text}"`;
  switch (type.kind) {
    case 'DECIMAL': return formatDecimal(value as bigint, type.scale);
    case 'TIMESTAMP': return dateTime(timestampFormatText(value, type.precision));
    case 'TIMESTAMP_LTZ': return dateTime(instantFormatText(value, type.precision)); // UTC, as Flink: "2024-06-01 00:00:00Z"
    case 'DATE': return JSON.stringify(formatDate(value as number));
    case 'TIME': return `"${jsonTimeText(value as number)}"`;
    case 'FLOAT': return Number.isFinite(value) ? javaFloatText(value as number) : JSON.stringify(String(value));
    case 'DOUBLE': return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case 'STRING': return JSON.stringify(value);
    case 'BYTES': {
      const bytes = value as Uint8Array;
      return JSON.stringify(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'));
    }
    case 'ROW':
      return `{${type.fields.map((f, i) => `${JSON.stringify(f.name)}:${jsonText((value as ArrayValue)[i] ?? null, f.type, standard)}`).join(',')}}`;
    case 'ARRAY':
      return `[${(value as ArrayValue).map((v) => jsonText(v, type.element, standard)).join(',')}]`;
    case 'MAP':
      return `{${[...(value as MapValue)].map(([k, v]) => `${jsonKeyText(k, type.key, standard)}:${jsonText(v, type.value, standard)}`).join(',')}}`;
    default: return String(value);
  }
}

function jsonKeyText(key: Value, type: DataType, standard: TimestampStandard): string {
  const text = jsonText(key, type, standard);
  return text.startsWith('"') ? text : JSON.stringify(text);
}

class JsonLinesWriter implements FormatWriter {
  private readonly keys: string[];
  constructor(private readonly schema: Schema, private readonly standard: TimestampStandard) {
    this.keys = schema.fields.map((f) => `${JSON.stringify(f.name)}:`);
  }

  encode(row: readonly Value[]): string {
    let text = '{';
    for (let i = 0; i < this.keys.length; i++) {
      if (i > 0) text += ',';
      text += this.keys[i]! + jsonValueText(row[i] ?? null, this.schema.fields[i]!, this.standard);
    }
    return `${text}}\n`;
  }
}

export function jsonFormat(schema: Schema, options: JsonFormatOptions): Format {
  return {
    name: 'json',
    fileExtension: 'json',
    ignoreParseErrors: options.ignoreParseErrors,
    createReader: () => new JsonLinesReader(new JsonRowDecoder(schema, options)),
    createWriter: () => new JsonLinesWriter(schema, options.timestampStandard ?? 'SQL'),
    jsonOptions: options,
  };
}
