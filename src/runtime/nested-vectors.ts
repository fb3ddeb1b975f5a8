/**
 * Arrow vectors of the binary and nested types, built from and decoded to runtime values column by column
 * (children first, then offsets), never row by row through arrow-js' generic accessors:
 *
 * BYTES → Binary, ROW<…> → Struct (one child per field), ARRAY<T> → List<element: T>,
 * MAP<K, V> → Map<entries: Struct<key: K, value: V>> (keys not sorted).
 */
import * as arrow from 'apache-arrow';
import { InternalError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { ArrayValue, MapValue, Value } from '../common/values.js';
import { validityOf } from './validity.js';

type NestedType = Extract<DataType, { kind: 'BYTES' | 'ROW' | 'ARRAY' | 'MAP' }>;
type BuildChild = (type: DataType, values: readonly Value[]) => arrow.Data;
type DecodeChild = (vector: arrow.Vector, type: DataType) => Value[];

export function nestedArrowType(type: NestedType, arrowTypeOf: (type: DataType) => arrow.DataType): arrow.DataType {
  switch (type.kind) {
    case 'BYTES': return new arrow.Binary();
    case 'ROW': return new arrow.Struct(type.fields.map((f) => new arrow.Field(f.name, arrowTypeOf(f.type), true)));
    case 'ARRAY': return new arrow.List(new arrow.Field('element', arrowTypeOf(type.element), true));
    case 'MAP': return new arrow.Map_(mapEntriesField(type, arrowTypeOf));
  }
}

function mapEntriesField(type: Extract<DataType, { kind: 'MAP' }>, arrowTypeOf: (type: DataType) => arrow.DataType): arrow.Field {
  const entries = new arrow.Struct([new arrow.Field('key', arrowTypeOf(type.key), false), new arrow.Field('value', arrowTypeOf(type.value), true)]);
  return new arrow.Field('entries', entries, false);
}

function validity(values: readonly Value[]): { nullBitmap?: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return nullCount > 0 ? { nullBitmap: bitmap, nullCount } : { nullCount };
}

export function buildNestedData(
  type: NestedType, values: readonly Value[], arrowTypeOf: (type: DataType) => arrow.DataType, buildChild: BuildChild,
): arrow.Data {
  const length = values.length;
  const nulls = validity(values);
  switch (type.kind) {
    case 'BYTES': {
      const offsets = new Int32Array(length + 1);
      let total = 0;
      for (let i = 0; i < length; i++) {
        total += (values[i] as Uint8Array | null)?.length ?? 0;
        offsets[i + 1] = total;
      }
      const bytes = new Uint8Array(total);
      for (let i = 0; i < length; i++) {
        const v = values[i] as Uint8Array | null;
        if (v) bytes.set(v, offsets[i]!);
      }
      return arrow.makeData({ type: new arrow.Binary(), length, ...nulls, valueOffsets: offsets, data: bytes });
    }
    case 'ROW': {
      const children = type.fields.map((field, f) => buildChild(field.type, values.map((row) => (row === null ? null : (row as ArrayValue)[f] ?? null))));
      return arrow.makeData({ type: nestedArrowType(type, arrowTypeOf) as arrow.Struct, length, ...nulls, children });
    }
    case 'ARRAY': {
      const offsets = new Int32Array(length + 1);
      const elements: Value[] = [];
      for (let i = 0; i < length; i++) {
        const v = values[i] as ArrayValue | null;
        if (v) for (const element of v) elements.push(element);
        offsets[i + 1] = elements.length;
      }
      const child = buildChild(type.element, elements);
      return arrow.makeData({ type: nestedArrowType(type, arrowTypeOf) as arrow.List, length, ...nulls, valueOffsets: offsets, child });
    }
    case 'MAP': {
      const offsets = new Int32Array(length + 1);
      const keys: Value[] = [];
      const items: Value[] = [];
      for (let i = 0; i < length; i++) {
        const v = values[i] as MapValue | null;
        if (v) for (const [key, item] of v) { keys.push(key); items.push(item); }
        offsets[i + 1] = keys.length;
      }
      const entriesField = mapEntriesField(type, arrowTypeOf);
      const child = arrow.makeData({
        type: entriesField.type as arrow.Struct, length: keys.length, nullCount: 0,
        children: [buildChild(type.key, keys), buildChild(type.value, items)],
      });
      return arrow.makeData({ type: new arrow.Map_(entriesField), length, ...nulls, valueOffsets: offsets, child });
    }
  }
}

export function decodeNestedVector(vector: arrow.Vector, type: NestedType, decodeChild: DecodeChild): Value[] {
  const out: Value[] = [];
  for (const data of vector.data) decodeNestedData(data, type, decodeChild, out);
  if (out.length !== vector.length) throw new InternalError(`Decoded ${out.length} of ${vector.length} ${type.kind} values`);
  return out;
}

function decodeNestedData(data: arrow.Data, type: NestedType, decodeChild: DecodeChild, out: Value[]): void {
  const valid = validityOf(data);
  switch (type.kind) {
    case 'BYTES': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      for (let i = 0; i < data.length; i++) out.push(valid(i) ? bytes.slice(offsets[i]!, offsets[i + 1]!) : null);
      return;
    }
    case 'ROW': {
      // Struct children are sliced with their parent: child row i is row i.
      const fields = type.fields.map((field, f) => decodeChild(arrow.makeVector(data.children[f]!), field.type));
      for (let i = 0; i < data.length; i++) out.push(valid(i) ? Object.freeze(fields.map((column) => column[i] ?? null)) : null);
      return;
    }
    case 'ARRAY': {
      // List children are not sliced: the (sliced) offsets point into the whole child.
      const offsets = data.valueOffsets as Int32Array;
      const elements = decodeChild(arrow.makeVector(data.children[0]!), type.element);
      for (let i = 0; i < data.length; i++) out.push(valid(i) ? Object.freeze(elements.slice(offsets[i]!, offsets[i + 1]!)) : null);
      return;
    }
    case 'MAP': {
      const offsets = data.valueOffsets as Int32Array;
      const entries = data.children[0]!;
      const keys = decodeChild(arrow.makeVector(entries.children[0]!), type.key);
      const items = decodeChild(arrow.makeVector(entries.children[1]!), type.value);
      for (let i = 0; i < data.length; i++) {
        if (!valid(i)) { out.push(null); continue; }
        const map = new Map<Value, Value>();
        for (let e = offsets[i]!; e < offsets[i + 1]!; e++) map.set(keys[e] ?? null, items[e] ?? null);
        out.push(map);
      }
      return;
    }
  }
}
