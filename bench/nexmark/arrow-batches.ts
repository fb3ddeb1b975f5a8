/**
 * In-process generation of Arrow record batches for the flat `person`, `auction` and `bid` tables, in Sluice's
 * Arrow types (BIGINT → Int64, STRING → Utf8, TIMESTAMP(3) → Timestamp(MILLISECOND), no nulls), for the
 * "engine alone" benchmark: generate the batches first, then feed them to a query.
 *
 * Columns are written straight into typed arrays (no per-row JS values), so this is about as fast as generating.
 */
import * as arrow from 'apache-arrow';
import { arrowSchema } from '../../src/runtime/batch.js';
import { NexmarkGenerator } from './generator.js';
import type { NexmarkConfig } from './config.js';
import type { Auction, Bid, Person } from './model.js';
import { FLAT_COLUMNS, type FlatTable, flatSchema } from './schemas.js';

const TWO_POW_32 = 4294967296;

/** A 64-bit integer column (Int64 or millisecond timestamps) of non-negative values below 2^53. */
class Int64Column {
  private readonly words: Uint32Array;
  readonly values: BigInt64Array;

  constructor(capacity: number) {
    this.values = new BigInt64Array(capacity);
    this.words = new Uint32Array(this.values.buffer);
  }

  set(row: number, value: number): void {
    this.words[2 * row] = value >>> 0;
    this.words[2 * row + 1] = Math.floor(value / TWO_POW_32);
  }
}

/** A UTF-8 string column: offsets plus a growing byte buffer. */
class Utf8Column {
  readonly offsets: Int32Array;
  private bytes: Buffer;
  private end = 0;

  constructor(capacity: number, averageBytes: number) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = Buffer.allocUnsafe(Math.max(1024, capacity * averageBytes));
  }

  set(row: number, text: string): void {
    const worst = this.end + text.length * 3;
    if (worst > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(worst, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.end);
      this.bytes = grown;
    }
    // ASCII (all generated text) is copied in JS, which beats a native call per short string.
    const bytes = this.bytes;
    let end = this.end;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        end = this.end + bytes.write(text, this.end, 'utf8');
        break;
      }
      bytes[end++] = code;
    }
    this.end = end;
    this.offsets[row + 1] = end;
  }

  data(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.end).slice();
  }
}

type Column = Int64Column | Utf8Column;

type RowWriter<T> = (columns: readonly Column[], row: number, entity: T) => void;

const int64 = (columns: readonly Column[], i: number): Int64Column => columns[i] as Int64Column;
const utf8 = (columns: readonly Column[], i: number): Utf8Column => columns[i] as Utf8Column;

/** One writer per table, with direct field reads (one column per FLAT_COLUMNS entry, in order). */
const ROW_WRITERS: { readonly person: RowWriter<Person>; readonly auction: RowWriter<Auction>; readonly bid: RowWriter<Bid> } = {
  person: (c, r, p) => {
    int64(c, 0).set(r, p.id); utf8(c, 1).set(r, p.name); utf8(c, 2).set(r, p.emailAddress); utf8(c, 3).set(r, p.creditCard);
    utf8(c, 4).set(r, p.city); utf8(c, 5).set(r, p.state); int64(c, 6).set(r, p.dateTime); utf8(c, 7).set(r, p.extra);
  },
  auction: (c, r, a) => {
    int64(c, 0).set(r, a.id); utf8(c, 1).set(r, a.itemName); utf8(c, 2).set(r, a.description); int64(c, 3).set(r, a.initialBid);
    int64(c, 4).set(r, a.reserve); int64(c, 5).set(r, a.dateTime); int64(c, 6).set(r, a.expires); int64(c, 7).set(r, a.seller);
    int64(c, 8).set(r, a.category); utf8(c, 9).set(r, a.extra);
  },
  bid: (c, r, b) => {
    int64(c, 0).set(r, b.auction); int64(c, 1).set(r, b.bidder); int64(c, 2).set(r, b.price); utf8(c, 3).set(r, b.channel);
    utf8(c, 4).set(r, b.url); int64(c, 5).set(r, b.dateTime); utf8(c, 6).set(r, b.extra);
  },
};

type EntityOf<K extends FlatTable> = K extends 'person' ? Person : K extends 'auction' ? Auction : Bid;

/** Collects entities of one flat table into batches of `batchSize` rows. */
export class FlatBatchBuilder<K extends FlatTable> {
  private readonly writeRow: RowWriter<EntityOf<K>>;
  private readonly arrowSchema: arrow.Schema;
  private columns: Column[] = [];
  private rows = 0;

  constructor(readonly table: K, readonly batchSize: number) {
    this.writeRow = ROW_WRITERS[table] as RowWriter<EntityOf<K>>;
    this.arrowSchema = arrowSchema(flatSchema(table));
    this.reset();
  }

  get pendingRows(): number {
    return this.rows;
  }

  /** Adds one entity; returns a full batch when it completed one. */
  add(entity: EntityOf<K>): arrow.RecordBatch | undefined {
    this.writeRow(this.columns, this.rows, entity);
    this.rows++;
    return this.rows === this.batchSize ? this.flush() : undefined;
  }

  /** The rows added since the last batch, as a batch (undefined when there are none). */
  flush(): arrow.RecordBatch | undefined {
    if (this.rows === 0) return undefined;
    const length = this.rows;
    const children = FLAT_COLUMNS[this.table].map((c, i) => {
      const column = this.columns[i]!;
      if (column instanceof Utf8Column) {
        return arrow.makeData({ type: new arrow.Utf8(), length, nullCount: 0, valueOffsets: column.offsets.subarray(0, length + 1), data: column.data() });
      }
      const values = column.values.subarray(0, length);
      return c.type === 'TIMESTAMP(3)'
        ? arrow.makeData({ type: new arrow.TimestampMillisecond(), length, nullCount: 0, data: values })
        : arrow.makeData({ type: new arrow.Int64(), length, nullCount: 0, data: values });
    });
    const struct = arrow.makeData({ type: new arrow.Struct(this.arrowSchema.fields), length, nullCount: 0, children });
    this.reset();
    return new arrow.RecordBatch(this.arrowSchema, struct);
  }

  private reset(): void {
    this.rows = 0;
    this.columns = FLAT_COLUMNS[this.table].map((c) => (c.type === 'STRING'
      ? new Utf8Column(this.batchSize, c.name === 'extra' || c.name === 'description' || c.name === 'url' ? 128 : 16)
      : new Int64Column(this.batchSize)));
  }
}

export interface FlatBatches {
  readonly person: arrow.RecordBatch[];
  readonly auction: arrow.RecordBatch[];
  readonly bid: arrow.RecordBatch[];
}

export interface ArrowGenerationOptions {
  /** First global event number (default 0). */
  readonly from?: number;
  /** One past the last event number (default: numEvents of a bounded config). */
  readonly to?: number;
  /** Rows per batch (default 8192); the last batch of each table may be shorter. */
  readonly batchSize?: number;
}

/** Generates events `from` … `to − 1` and returns them as Arrow batches of the three flat tables. */
export function generateFlatBatches(config: NexmarkConfig, options: ArrowGenerationOptions = {}): FlatBatches {
  const generator = new NexmarkGenerator(config);
  const batchSize = options.batchSize ?? 8192;
  const person = new FlatBatchBuilder('person', batchSize);
  const auction = new FlatBatchBuilder('auction', batchSize);
  const bid = new FlatBatchBuilder('bid', batchSize);
  const out: FlatBatches = { person: [], auction: [], bid: [] };
  for (const event of generator.events(options.from, options.to)) {
    let batch: arrow.RecordBatch | undefined;
    switch (event.kind) {
      case 'person': batch = person.add(event.person); if (batch) out.person.push(batch); break;
      case 'auction': batch = auction.add(event.auction); if (batch) out.auction.push(batch); break;
      case 'bid': batch = bid.add(event.bid); if (batch) out.bid.push(batch); break;
    }
  }
  for (const [builder, list] of [[person, out.person], [auction, out.auction], [bid, out.bid]] as const) {
    const last = builder.flush();
    if (last) list.push(last);
  }
  return out;
}
