/**
 * A worker thread that decodes chunks of a JSON-lines file for the filesystem source (see parallel-json-reader.ts and
 * json-chunk-decoder.ts): it reads its chunk of the file itself and sends back the batches as their Arrow buffers
 * (transferred, not copied) with the chunk's line and record counts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { JsonRowDecoder } from '../formats/json.js';
import { ColumnarJsonDecoder } from '../formats/json-columnar.js';
import { WORKER_READY, decodeChunk, readChunkLines, type DecodeChunkMessage, type DecodedChunk, type DecodeWorkerData } from './json-chunk-decoder.js';

if (parentPort && workerData) {
  const { schema, options, batchSize } = workerData as DecodeWorkerData;
  const rowDecoder = new JsonRowDecoder(schema, options);
  const columnar = new ColumnarJsonDecoder(schema, options.failOnMissingField, batchSize, options.readMask);
  const port = parentPort;
  port.on('message', ({ id, path, start, end, displayName }: DecodeChunkMessage) => {
    let bytes: Uint8Array;
    try {
      bytes = readChunkLines(path, start, end);
    } catch (error) {
      const readFailure = error instanceof Error ? error.message : String(error);
      port.postMessage({ id, items: [], records: 0, lines: 0, malformed: 0, readFailure } satisfies DecodedChunk);
      return;
    }
    const decoded = { id, ...decodeChunk({ bytes, fileStart: start === 0, displayName }, rowDecoder, columnar, batchSize, options.ignoreParseErrors) };
    port.postMessage(decoded satisfies DecodedChunk, decoded.arena ? [decoded.arena.buffer] : []);
  });
  port.postMessage(WORKER_READY);
}
