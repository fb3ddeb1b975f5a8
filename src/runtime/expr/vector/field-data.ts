/**
 * A ROW field read as an Arrow column: `bid.price` is the `price` child of the `bid` struct vector, with the
 * struct's validity folded in (a field of a NULL row is NULL, whatever the child holds at that position). Calc
 * passes such fields through and the vector kernels read them, so a query over nested JSON (Nexmark's views read
 * `bid.auction`, `bid.price`, …) never decodes its struct columns row by row.
 */
import * as arrow from 'apache-arrow';
import type { Expr } from '../../../dataflow/expr.js';

/** A column and the field indexes below it: `bid.price` → column of `bid`, path [2]. */
export interface FieldPath {
  readonly column: number;
  readonly path: readonly number[];
}

/** The field path of `row-field` calls over a column (`t.a.b`), or undefined for any other expression. */
export function fieldPathOf(expr: Expr): FieldPath | undefined {
  const path: number[] = [];
  let node = expr;
  while (node.kind === 'call' && node.op === 'row-field') {
    const [operand, index] = node.args;
    if (operand === undefined || index?.kind !== 'literal' || typeof index.value !== 'number') return undefined;
    path.unshift(index.value);
    node = operand;
  }
  return node.kind === 'column' && path.length > 0 ? { column: node.index, path } : undefined;
}

/** The field's Arrow data, its validity the AND of its own and every enclosing struct's; undefined if not plain. */
export function fieldData(struct: arrow.Data, path: readonly number[]): arrow.Data | undefined {
  const nullableParents: arrow.Data[] = [];
  let data = struct;
  for (const index of path) {
    if (data.typeId !== arrow.Type.Struct) return undefined;
    const child = data.children[index];
    if (child === undefined || child.length !== data.length) return undefined;
    if (data.nullCount > 0) nullableParents.push(data);
    data = child;
  }
  return nullableParents.length === 0 ? data : withParentValidity(data, nullableParents);
}

function isValid(data: arrow.Data, row: number): boolean {
  if (data.nullCount === 0) return true;
  const bitmap = data.nullBitmap;
  if (bitmap === undefined || bitmap.length === 0) return true;
  const bit = data.offset + row;
  return ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

function withParentValidity(leaf: arrow.Data, parents: readonly arrow.Data[]): arrow.Data {
  const length = leaf.length;
  const bitmap = new Uint8Array((leaf.offset + length + 7) >> 3);
  const aligned = leaf.offset % 8 === 0 && parents.every((p) => p.offset === leaf.offset);
  const nullCount = aligned ? andBytes(bitmap, leaf, parents) : andBits(bitmap, leaf, parents);
  return leaf.clone(leaf.type, leaf.offset, length, nullCount, [leaf.valueOffsets, leaf.values, bitmap, leaf.typeIds] as never);
}

/** The validity of `leaf` and `parents` ANDed row by row into `bitmap`; returns the NULL count. */
function andBits(bitmap: Uint8Array, leaf: arrow.Data, parents: readonly arrow.Data[]): number {
  let nullCount = 0;
  for (let row = 0; row < leaf.length; row++) {
    let valid = isValid(leaf, row);
    for (let p = 0; valid && p < parents.length; p++) valid = isValid(parents[p]!, row);
    if (valid) {
      const bit = leaf.offset + row;
      bitmap[bit >> 3]! |= 1 << (bit & 7);
    } else nullCount++;
  }
  return nullCount;
}

/** andBits eight rows at a time, for bitmaps that all start at the same whole byte. */
function andBytes(bitmap: Uint8Array, leaf: arrow.Data, parents: readonly arrow.Data[]): number {
  const first = leaf.offset >> 3;
  const byteCount = (leaf.length + 7) >> 3;
  bitmap.fill(0xff, first, first + byteCount);
  for (const data of [leaf, ...parents]) {
    const source = data.nullBitmap;
    if (data.nullCount === 0 || source === undefined || source.length === 0) continue;
    for (let b = first; b < first + byteCount; b++) bitmap[b]! &= source[b]!;
  }
  const tail = leaf.length & 7;
  if (tail !== 0) bitmap[first + byteCount - 1]! &= (1 << tail) - 1;
  let valid = 0;
  for (let b = first; b < first + byteCount; b++) valid += POPCOUNT[bitmap[b]!]!;
  return leaf.length - valid;
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, byte) => {
  let bits = 0;
  for (let v = byte; v !== 0; v >>= 1) bits += v & 1;
  return bits;
});
