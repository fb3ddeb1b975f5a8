import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineAlignedRanges, splitJsonLines } from '../../bench/flink/split-input.js';

function fileWith(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-split-')), 'events.jsonl');
  writeFileSync(path, text);
  return path;
}

async function partsOf(text: string, parts: number): Promise<string[]> {
  const path = fileWith(text);
  const dir = join(path, '..', 'parts');
  const written = await splitJsonLines(path, dir, parts);
  assert.deepEqual(readdirSync(dir).sort(), written.map((file) => file.slice(dir.length + 1)));
  return written.map((file) => readFileSync(file, 'utf8'));
}

describe('cutting a JSON-lines file into parts for Flink readers', () => {
  const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ event_type: 2, bid: { auction: i, extra: 'x'.repeat(i % 37) } }));
  const text = `${lines.join('\n')}\n`;

  it('keeps every line whole and in order, and the parts together are the file', async () => {
    for (const count of [1, 2, 3, 8, 16]) {
      const parts = await partsOf(text, count);
      assert.equal(parts.length, count);
      assert.equal(parts.join(''), text);
      for (const part of parts) assert.ok(part.endsWith('\n'), 'a part ends at a line end');
    }
  });

  it('makes parts of about equal size', async () => {
    const sizes = (await partsOf(text, 4)).map((part) => part.length);
    const longestLine = Math.max(...lines.map((line) => line.length + 1));
    for (const size of sizes) assert.ok(Math.abs(size - text.length / 4) <= longestLine, `${sizes}`);
  });

  it('handles a last line without a newline, lines longer than its probe, and more parts than lines', async () => {
    assert.equal((await partsOf('{"a":1}\n{"a":2}', 2)).join(''), '{"a":1}\n{"a":2}');
    const long = `${'y'.repeat(200_000)}\n${'z'.repeat(10)}\n`;
    const longParts = await partsOf(long, 2);
    assert.deepEqual(longParts, [`${'y'.repeat(200_000)}\n`, `${'z'.repeat(10)}\n`]);
    assert.deepEqual(await partsOf('{"a":1}\n{"a":2}\n', 5), ['{"a":1}\n', '{"a":2}\n']);
    assert.deepEqual(lineAlignedRanges(fileWith(''), 3), []);
  });

  it('refuses a part count that is not a positive integer', () => {
    assert.throws(() => lineAlignedRanges(fileWith('x\n'), 0), RangeError);
    assert.throws(() => lineAlignedRanges(fileWith('x\n'), 1.5), RangeError);
  });
});
