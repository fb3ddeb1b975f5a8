/** What a format (json, csv) offers the filesystem connector: a record reader and a record writer for a schema. */
import type { Readable } from 'node:stream';
import type { ConnectorError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { JsonFormatOptions } from './json.js';

/** One record of input: its values in schema order, or why it could not be read. */
export type DecodedRecord =
  | { readonly kind: 'row'; readonly values: Value[] }
  | { readonly kind: 'malformed'; readonly error: ConnectorError; /** The record's text, when the reader has it. */ readonly raw?: string };

export interface FormatReader {
  /**
   * Splits a text stream into records and decodes each. `displayName` (the file as the user named it) starts
   * every error location, e.g. `data/bids.json:12:7`. Errors of the stream itself (I/O) are thrown.
   */
  records(input: Readable, displayName: string): AsyncIterable<DecodedRecord>;
}

export interface FormatWriter {
  /** One encoded record, including its line terminator. */
  encode(row: readonly Value[]): string;
}

export interface Format {
  readonly name: string;
  /** Extension of finished files written by the filesystem sink, e.g. `json`. */
  readonly fileExtension: string;
  /** `'<format>.ignore-parse-errors' = 'true'`: skip malformed records and count them instead of failing. */
  readonly ignoreParseErrors: boolean;
  createReader(): FormatReader;
  createWriter(): FormatWriter;
  /** JSON lines: the format's options, so the filesystem source can decode lines on a worker thread. */
  readonly jsonOptions?: JsonFormatOptions;
}
