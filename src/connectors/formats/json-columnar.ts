/**
 * JSON lines decoded straight into Arrow column builders, for the parallel file reader: no JavaScript object per
 * line, text columns copied as UTF-8 bytes. It reads the common shape of a line — an object whose keys are plain
 * ASCII, with plain strings, integers of up to 15 digits, `yyyy-MM-dd HH:mm:ss[.SSS]` timestamps, booleans, nulls
 * and nested objects for ROW columns — and converts any other value on its own through `JSON.parse` and the same
 * conversion as the row decoder. A line it cannot take that way (malformed, a duplicate or escaped key, a value the
 * conversion rejects, a missing field under 'json.fail-on-missing-field') is refused: `tryAppend` returns false
 * and appends nothing, and the caller decodes the line with `JsonRowDecoder`, which gives the same rows and reports
 * errors with their positions. A value with a number of 16 digits or more (see hasLongDigitRunInBytes) is refused too.
 */
import type { RecordBatch } from 'apache-arrow';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { ReadMask } from '../../dataflow/graph.js';
import type { Schema } from '../../dataflow/schema.js';
import { makeBatch } from '../../runtime/batch.js';
import {
  BooleanBuilder, columnBuilder, FixedWidthBuilder, Int64Builder, StructBuilder, Utf8Builder, type ColumnBuilder,
} from './column-builders.js';
import { ConversionProblem, convertValue, INTEGER_RANGES } from './convert.js';
import {
  BACKSLASH, bytesEqual, OPEN_BRACKET, hasLongDigitRunInBytes, CLOSE_BRACE, COLON, COMMA, FALSE_BYTES, NULL_BYTES, OPEN_BRACE, plainStringEnd, QUOTE, scanInteger,
  scanLiteral, scannedInteger, skipValue, skipWhitespace, TRUE_BYTES,
} from './json-bytes.js';
import { timestampFromBytes } from './timestamp-bytes.js';

/** How a field's value is read; `Skip`: the job does not read the field (readMask), its value is stepped over, NULL. */
const enum Read { String, Integer, Timestamp, Boolean, Row, Other, Skip }
const enum Slot { Missing, Null, Number, Bytes, Value, Object }

interface FieldPlan {
  readonly name: Uint8Array;
  /** The name's bytes can stand in JSON text as they are (no quote, backslash or control character). */
  readonly plainName: boolean;
  readonly type: DataType;
  readonly read: Read;
  readonly slot: number;
  readonly builder: ColumnBuilder;
  /** Inclusive range of an integer column; ±Infinity when any integer a double holds fits. */
  readonly min: number;
  readonly max: number;
  readonly row: ObjectPlan | undefined;
}

interface ObjectPlan {
  readonly fields: readonly FieldPlan[];
}

/** JSON.parse reads the value: a number read as STRING sends the line to the row decoder, for its text as written. */
const JSON_POLICY = { epochMillisNumbers: false, numbersWithoutText: true } as const;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const keyEncoder = new TextEncoder();

export class ColumnarJsonDecoder {
  private readonly plan: ObjectPlan;
  private readonly builders: ColumnBuilder[];
  private slotCount = 0;
  private readonly kinds: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly values: Value[];
  private rows = 0;

  constructor(private readonly schema: Schema, private readonly failOnMissingField: boolean, batchSize: number, readMask?: ReadMask) {
    this.plan = this.planObject(schema.fields, batchSize, undefined, readMask);
    this.builders = this.plan.fields.map((f) => f.builder);
    this.kinds = new Uint8Array(this.slotCount);
    this.numbers = new Float64Array(this.slotCount);
    this.starts = new Int32Array(this.slotCount);
    this.ends = new Int32Array(this.slotCount);
    this.values = new Array<Value>(this.slotCount).fill(null);
  }

  get pendingRows(): number {
    return this.rows;
  }

  private planObject(fields: readonly { name: string; type: DataType }[], capacity: number, builders?: readonly ColumnBuilder[], mask?: ReadMask): ObjectPlan {
    return {
      fields: fields.map((field, i) => {
        const fieldRead = mask?.[i] ?? true;
        const builder = builders?.[i] ?? columnBuilder(field.type, capacity);
        const type = field.type;
        const [min, max] = type.kind === 'INT' || type.kind === 'SMALLINT' || type.kind === 'TINYINT' ? INTEGER_RANGES[type.kind] : [-Infinity, Infinity];
        const read = type.kind === 'STRING' ? Read.String
          : type.kind === 'INT' || type.kind === 'SMALLINT' || type.kind === 'TINYINT' || type.kind === 'BIGINT'
            || type.kind === 'DOUBLE' || type.kind === 'FLOAT' ? Read.Integer
          : type.kind === 'TIMESTAMP' && type.precision <= 3 ? Read.Timestamp
          : type.kind === 'BOOLEAN' ? Read.Boolean
          : type.kind === 'ROW' ? Read.Row : Read.Other;
        const slot = this.slotCount++;
        const row = type.kind === 'ROW' ? this.planObject(type.fields, capacity, (builder as StructBuilder).children, typeof fieldRead === 'boolean' ? undefined : fieldRead) : undefined;
        const name = keyEncoder.encode(field.name);
        const plainName = name.every((c) => c !== QUOTE && c !== BACKSLASH && c >= 32);
        return { name, plainName, type, read: fieldRead === false ? Read.Skip : read, slot, builder, min, max, row };
      }),
    };
  }

  /** Whether the line being read had an unknown key or a container read whole: either may hide a repeated key. */
  private mayHideRepeatedKey = false;

  /** Decodes the line `bytes[start, end)` into the columns; false (and nothing appended) if it must take the row decoder. */
  tryAppend(bytes: Uint8Array, start: number, end: number): boolean {
    let at: number;
    this.mayHideRepeatedKey = false;
    try {
      at = this.readObject(this.plan, bytes, start, end);
    } catch {
      return false; // e.g. nesting too deep for the stack: the row decoder decides
    }
    if (at < 0 || skipWhitespace(bytes, at, end) !== end) return false;
    // With a 16-digit run the row decoder parses the line losslessly, which also rejects duplicate keys: a skipped
    // (unknown) key may have been one, or a container read whole may hold one.
    if (this.mayHideRepeatedKey && hasLongDigitRunInBytes(bytes.subarray(start, end))) return false;
    if (this.failOnMissingField) {
      for (const field of this.plan.fields) if (this.kinds[field.slot] === Slot.Missing) return false;
    }
    this.commit(this.plan, bytes);
    this.rows++;
    return true;
  }

  /** Appends a row the row decoder produced (values in schema order). */
  appendRow(values: readonly Value[]): void {
    for (let i = 0; i < this.builders.length; i++) this.builders[i]!.appendValue(values[i] ?? null);
    this.rows++;
  }

  /** The rows so far as a batch, or undefined if there are none. */
  flush(): RecordBatch | undefined {
    if (this.rows === 0) return undefined;
    const batch = makeBatch(this.schema, this.builders.map((b) => b.finish()), this.rows);
    this.rows = 0;
    return batch;
  }

  /** The object at `at` into the slots of `plan`'s fields: the position after it, or -1. */
  private readObject(plan: ObjectPlan, bytes: Uint8Array, at: number, end: number): number {
    const fields = plan.fields;
    for (let i = 0; i < fields.length; i++) this.kinds[fields[i]!.slot] = Slot.Missing;
    if (bytes[at] !== OPEN_BRACE) return -1;
    at = skipWhitespace(bytes, at + 1, end);
    if (bytes[at] === CLOSE_BRACE) return at + 1;
    let expected = 0;
    for (;;) {
      if (bytes[at] !== QUOTE) return -1;
      // The expected key (fields usually come in schema order) is matched in place: its bytes then a quote.
      let index = expected < fields.length && fields[expected]!.plainName ? keyAt(bytes, at + 1, end, fields[expected]!.name) : -1;
      const keyEnd = index < 0 ? plainStringEnd(bytes, at, end) : at + 1 + fields[expected]!.name.length;
      if (keyEnd < 0) return -1;
      if (index >= 0) index = expected;
      else {
        for (let i = 0; i < fields.length; i++) {
          if (bytesEqual(bytes, at + 1, keyEnd, fields[i]!.name)) {
            index = i;
            break;
          }
        }
      }
      at = skipWhitespace(bytes, keyEnd + 1, end);
      if (bytes[at] !== COLON) return -1;
      at = skipWhitespace(bytes, at + 1, end);
      if (index < 0) {
        this.mayHideRepeatedKey = true;
        at = skipValue(bytes, at, end);
      } else {
        expected = index + 1;
        at = this.readValue(fields[index]!, bytes, at, end);
      }
      if (at < 0) return -1;
      at = skipWhitespace(bytes, at, end);
      if (bytes[at] === CLOSE_BRACE) return at + 1;
      if (bytes[at] !== COMMA) return -1;
      at = skipWhitespace(bytes, at + 1, end);
    }
  }

  /** The value of `field` at `at` into its slot: the position after it, or -1. */
  private readValue(field: FieldPlan, bytes: Uint8Array, at: number, end: number): number {
    const slot = field.slot;
    if (this.kinds[slot] !== Slot.Missing) return -1; // a duplicate key: JSON.parse keeps the last, the row decoder decides
    const c = bytes[at];
    if (c === 110) { // n
      this.kinds[slot] = Slot.Null;
      return scanLiteral(bytes, at, end, NULL_BYTES);
    }
    switch (field.read) {
      case Read.String:
        if (c === QUOTE) {
          const close = plainStringEnd(bytes, at, end);
          if (close >= 0) {
            this.kinds[slot] = Slot.Bytes;
            this.starts[slot] = at + 1;
            this.ends[slot] = close;
            return close + 1;
          }
        }
        break;
      case Read.Integer: {
        const after = scanInteger(bytes, at, end);
        if (after >= 0) {
          const value = scannedInteger.value;
          if (value < field.min || value > field.max) return -1;
          this.kinds[slot] = Slot.Number;
          this.numbers[slot] = value;
          return after;
        }
        break;
      }
      case Read.Timestamp:
        if (c === QUOTE) {
          const close = plainStringEnd(bytes, at, end);
          const millis = close < 0 ? undefined : timestampFromBytes(bytes, at + 1, close);
          if (millis !== undefined) {
            this.kinds[slot] = Slot.Number;
            this.numbers[slot] = millis;
            return close + 1;
          }
        }
        break;
      case Read.Boolean:
        if (c === 116 || c === 102) {
          this.kinds[slot] = Slot.Number;
          this.numbers[slot] = c === 116 ? 1 : 0;
          return scanLiteral(bytes, at, end, c === 116 ? TRUE_BYTES : FALSE_BYTES);
        }
        break;
      case Read.Row:
        if (c === OPEN_BRACE) {
          this.kinds[slot] = Slot.Object;
          return this.readObject(field.row!, bytes, at, end);
        }
        // A ROW given as a list, read in part: the row decoder blanks the unread positions before converting.
        if (c === OPEN_BRACKET) return -1;
        break;
      case Read.Skip: {
        // A container may hide a repeated key, which the row decoder's lossless parser rejects (see tryAppend).
        if (c === OPEN_BRACE || c === OPEN_BRACKET) this.mayHideRepeatedKey = true;
        this.kinds[slot] = Slot.Null;
        return skipValue(bytes, at, end);
      }
      case Read.Other:
        break;
    }
    return this.readConverted(field, bytes, at, end);
  }

  /** Any other value: parsed on its own and converted as the row decoder converts it. */
  private readConverted(field: FieldPlan, bytes: Uint8Array, at: number, end: number): number {
    const after = skipValue(bytes, at, end);
    // A number of 16 digits or more may not survive JSON.parse's double: the row decoder's lossless parser takes the line.
    if (after < 0 || hasLongDigitRunInBytes(bytes.subarray(at, after))) return -1;
    // JSON.parse keeps a repeated key's last value, the row decoder's lossless parser rejects it (see tryAppend).
    const c = bytes[at];
    if (c === OPEN_BRACE || c === OPEN_BRACKET) this.mayHideRepeatedKey = true;
    const converted = convertValue(JSON.parse(utf8.decode(bytes.subarray(at, after))), field.type, JSON_POLICY);
    if (converted instanceof ConversionProblem) return -1;
    this.kinds[field.slot] = Slot.Value;
    this.values[field.slot] = converted;
    return after;
  }

  private commit(plan: ObjectPlan, bytes: Uint8Array): void {
    const fields = plan.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const slot = field.slot;
      switch (this.kinds[slot]) {
        case Slot.Number: {
          const value = this.numbers[slot]!;
          if (field.read === Read.Boolean) (field.builder as BooleanBuilder).appendBoolean(value === 1);
          else (field.builder as FixedWidthBuilder | Int64Builder).appendNumber(value);
          break;
        }
        case Slot.Bytes:
          (field.builder as Utf8Builder).appendBytes(bytes, this.starts[slot]!, this.ends[slot]!);
          break;
        case Slot.Object:
          (field.builder as StructBuilder).markPresent();
          this.commit(field.row!, bytes);
          break;
        case Slot.Value:
          field.builder.appendValue(this.values[slot]!);
          this.values[slot] = null;
          break;
        default:
          field.builder.appendNull();
      }
    }
  }
}

/** 0 when `bytes` at `at` hold `name` followed by a closing quote (a plain key: names have no escapes), else -1. */
function keyAt(bytes: Uint8Array, at: number, end: number, name: Uint8Array): number {
  const close = at + name.length;
  if (close >= end || bytes[close] !== QUOTE) return -1;
  for (let i = 0; i < name.length; i++) if (bytes[at + i] !== name[i]) return -1;
  return 0;
}
