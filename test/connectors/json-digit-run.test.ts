/**
 * The JSON decoder sends a line to the lossless parser when it has a run of 16 digits (dots inside the run allowed):
 * the skipping scan over a chunk of lines agrees with the plain definition, a character at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasLongDigitRun } from '../../src/connectors/formats/json.js';

function plainDefinition(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run >= 16) return true;
    } else if (c !== 46) run = 0;
  }
  return false;
}

test('the skipping scan finds exactly the runs of 16 digits that a character-by-character scan finds', () => {
  const pieces = fc.constantFrom('1', '9', '0', '.', 'a', ' ', '"', ':', '12345678', '.....', '123456789012345', '{"id":');
  fc.assert(fc.property(fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')), (text) => {
    assert.equal(hasLongDigitRun(text), plainDefinition(text), JSON.stringify(text));
  }), { numRuns: 20_000 });
});

test('examples', () => {
  assert.equal(hasLongDigitRun('{"id":9007199254740993}'), true);
  assert.equal(hasLongDigitRun('{"id":900719925474099}'), false);
  assert.equal(hasLongDigitRun('{"price":1234567.891234567}'), true);
  assert.equal(hasLongDigitRun('{"ts":"2015-07-15 00:00:00.000","n":123456789012345}'), false);
  assert.equal(hasLongDigitRun('..............................'), false);
});
