/**
 * Writing events to JSON-lines files: the Flink `kafka` shape (one file) or the three flat view files
 * (`person.jsonl`, `auction.jsonl`, `bid.jsonl` in a directory). Writes are synchronous and buffered.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NexmarkJsonFormatter } from './json-lines.js';
import type { NexmarkEvent } from './model.js';

const FLUSH_CHARS = 1 << 20;

/** Appends lines to a file through a ~1 MB buffer of text. */
export class LineFileWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private written = 0;
  private count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    this.count++;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  /** Lines written (or buffered) so far. */
  get lines(): number {
    return this.count;
  }

  /** Bytes written so far (including the buffer after `close`). */
  get bytes(): number {
    return this.written;
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(`${this.pending.join('\n')}\n`, 'utf8');
    let offset = 0;
    while (offset < chunk.length) offset += writeSync(this.fd, chunk, offset);
    this.written += chunk.length;
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

export interface JsonLinesReport {
  readonly events: number;
  readonly bytes: number;
}

/** Writes events as rows of Flink's Nexmark `kafka` table to `path`. */
export function writeKafkaJsonLines(events: Iterable<NexmarkEvent>, path: string): JsonLinesReport {
  const writer = new LineFileWriter(path);
  const format = new NexmarkJsonFormatter();
  try {
    for (const event of events) writer.write(format.kafkaEvent(event));
  } finally {
    writer.close();
  }
  return { events: writer.lines, bytes: writer.bytes };
}

export interface FlatFilesReport {
  readonly persons: number;
  readonly auctions: number;
  readonly bids: number;
  readonly bytes: number;
  readonly paths: { readonly person: string; readonly auction: string; readonly bid: string };
}

export const FLAT_FILE_NAMES = { person: 'person.jsonl', auction: 'auction.jsonl', bid: 'bid.jsonl' } as const;

/** Writes events into `directory`/person.jsonl, auction.jsonl and bid.jsonl, with the columns of the flat views. */
export function writeFlatJsonLines(events: Iterable<NexmarkEvent>, directory: string): FlatFilesReport {
  mkdirSync(directory, { recursive: true });
  const paths = {
    person: join(directory, FLAT_FILE_NAMES.person),
    auction: join(directory, FLAT_FILE_NAMES.auction),
    bid: join(directory, FLAT_FILE_NAMES.bid),
  };
  const person = new LineFileWriter(paths.person);
  const auction = new LineFileWriter(paths.auction);
  const bid = new LineFileWriter(paths.bid);
  // One formatter per file keeps each timestamp cache warm.
  const formats = { person: new NexmarkJsonFormatter(), auction: new NexmarkJsonFormatter(), bid: new NexmarkJsonFormatter() };
  try {
    for (const event of events) {
      switch (event.kind) {
        case 'person': person.write(formats.person.person(event.person)); break;
        case 'auction': auction.write(formats.auction.auction(event.auction)); break;
        case 'bid': bid.write(formats.bid.bid(event.bid)); break;
      }
    }
  } finally {
    person.close();
    auction.close();
    bid.close();
  }
  return { persons: person.lines, auctions: auction.lines, bids: bid.lines, bytes: person.bytes + auction.bytes + bid.bytes, paths };
}
