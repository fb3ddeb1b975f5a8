/**
 * Cuts a JSON-lines file into parts of about equal size, each ending at a line end, in a folder: Flink's
 * filesystem source reads one local file as ONE split (its local file system reports a file as a single block), so
 * only one source reader would parse a single file; a folder of parts is read by all readers, part after part in
 * order. Done before a run, not timed.
 */
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const PROBE_BYTES = 64 * 1024;

/** The offset just past the first '\n' at or after `from`, or the file's size. */
function nextLineStart(fd: number, from: number, size: number): number {
  const probe = Buffer.alloc(PROBE_BYTES);
  for (let at = from; at < size; at += PROBE_BYTES) {
    const read = readSync(fd, probe, 0, PROBE_BYTES, at);
    const newline = probe.subarray(0, read).indexOf(0x0a);
    if (newline >= 0) return at + newline + 1;
    if (read === 0) break;
  }
  return size;
}

/** Byte ranges [start, end) of `parts` pieces of the file, each ending at a line end; empty pieces dropped. */
export function lineAlignedRanges(path: string, parts: number): [number, number][] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be a positive integer, not ${parts}`);
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const ranges: [number, number][] = [];
    let start = 0;
    for (let part = 1; part <= parts && start < size; part++) {
      const end = part === parts ? size : Math.max(start, nextLineStart(fd, Math.floor((size * part) / parts) - 1, size));
      if (end > start) ranges.push([start, end]);
      start = end;
    }
    return ranges;
  } finally {
    closeSync(fd);
  }
}

/** Writes the parts as `part-000.jsonl`, … into `dir` (created) and returns their paths. */
export async function splitJsonLines(path: string, dir: string, parts: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [index, [start, end]] of lineAlignedRanges(path, parts).entries()) {
    const partPath = join(dir, `part-${String(index).padStart(3, '0')}.jsonl`);
    await pipeline(createReadStream(path, { start, end: end - 1 }), createWriteStream(partPath));
    written.push(partPath);
  }
  return written;
}
