/**
 * Record batches between threads as their buffers: the sender takes each column's Arrow buffers apart and copies
 * them, for all the batches of a chunk, into one ArrayBuffer (transferred, not copied again); the receiver makes
 * views into it and puts the columns back together with the types it already knows from the schema. Cheaper than
 * Arrow IPC (a message written and parsed per batch) and than transferring each small buffer on its own.
 */
import * as arrow from 'apache-arrow';
import { InternalError } from '../../common/errors.js';
import type { Schema } from '../../dataflow/schema.js';
import { arrowType, makeBatch } from '../../runtime/batch.js';

/** The buffers of one Arrow `Data` (of a type both sides know) and of its children, as indices into the arena's views. */
export interface DataParts {
  readonly length: number;
  readonly nullCount: number;
  readonly nullBitmap?: number;
  readonly valueOffsets?: number;
  readonly values?: number;
  readonly children?: readonly DataParts[];
}

export interface BatchParts {
  readonly rows: number;
  readonly columns: readonly DataParts[];
}

/** Views of the buffers in the arena: byte offset, byte length and typed-array kind of each. */
export interface Arena {
  readonly buffer: ArrayBuffer;
  readonly offsets: readonly number[];
  readonly lengths: readonly number[];
  readonly kinds: readonly string[];
}

const VIEW_TYPES: Record<string, new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView> = {
  Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

const ALIGNMENT = 8;

/** Collects the buffers of several batches, then packs them into one arena. */
export class BatchPacker {
  private views: ArrayBufferView[] = [];

  add(batch: arrow.RecordBatch): BatchParts {
    return { rows: batch.numRows, columns: batch.data.children.map((column) => this.dataParts(column)) };
  }

  private view(view: ArrayBufferView): number {
    this.views.push(view);
    return this.views.length - 1;
  }

  private dataParts(data: arrow.Data): DataParts {
    if (data.offset !== 0) throw new InternalError('A sliced Arrow column cannot be sent between threads');
    const values = data.values as ArrayBufferView | undefined;
    return {
      length: data.length,
      nullCount: data.nullCount,
      ...(data.nullCount > 0 && data.nullBitmap ? { nullBitmap: this.view(data.nullBitmap) } : {}),
      ...(data.valueOffsets ? { valueOffsets: this.view(data.valueOffsets as Int32Array) } : {}),
      ...(values && values.byteLength > 0 ? { values: this.view(values) } : {}),
      ...(data.children.length > 0 ? { children: data.children.map((child) => this.dataParts(child)) } : {}),
    };
  }

  /** One buffer holding a copy of every view added since the last call. */
  pack(): Arena {
    const offsets: number[] = [];
    const lengths: number[] = [];
    const kinds: string[] = [];
    let size = 0;
    for (const view of this.views) {
      offsets.push(size);
      lengths.push(view.byteLength);
      kinds.push(view.constructor.name);
      size += Math.ceil(view.byteLength / ALIGNMENT) * ALIGNMENT;
    }
    const buffer = new ArrayBuffer(size);
    const bytes = new Uint8Array(buffer);
    this.views.forEach((view, i) => bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), offsets[i]));
    this.views = [];
    return { buffer, offsets, lengths, kinds };
  }
}

/** Puts batches back together from an arena. */
export class BatchUnpacker {
  private readonly views: ArrayBufferView[];
  constructor(private readonly schema: Schema, arena: Arena) {
    this.views = arena.kinds.map((kind, i) => {
      const View = VIEW_TYPES[kind];
      if (!View) throw new InternalError(`Unexpected buffer type ${kind} from a decoding worker`);
      const bytesPer = (View as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
      return new View(arena.buffer, arena.offsets[i]!, arena.lengths[i]! / bytesPer);
    });
  }

  batch(parts: BatchParts): arrow.RecordBatch {
    return makeBatch(this.schema, this.schema.fields.map((field, i) => this.data(arrowType(field.type), parts.columns[i]!)), parts.rows);
  }

  private data(type: arrow.DataType, parts: DataParts): arrow.Data {
    const children = parts.children?.map((child, i) => this.data((type.children[i] as arrow.Field).type, child));
    return arrow.makeData({
      type,
      length: parts.length,
      nullCount: parts.nullCount,
      ...(parts.nullBitmap !== undefined ? { nullBitmap: this.views[parts.nullBitmap] } : {}),
      ...(parts.valueOffsets !== undefined ? { valueOffsets: this.views[parts.valueOffsets] } : {}),
      ...(parts.values !== undefined ? { data: this.views[parts.values] } : {}),
      ...(children ? { children, child: children[0] } : {}),
    } as never);
  }
}
