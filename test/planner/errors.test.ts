/**
 * Planner error cases: each `errors/<case>.sql` starts with `-- error: <text>`; planning the statement after it
 * (over the tables of `explain/_tables.sql` plus `plain`, a table without a watermark) must fail with a message
 * containing that text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, SluiceError } from '../../src/index.js';

const DIR = join(import.meta.dirname, 'errors');
const TABLES = readFileSync(join(import.meta.dirname, 'explain', '_tables.sql'), 'utf8');
const PLAIN = "CREATE TABLE plain (ts TIMESTAMP(3), v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1')";

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort()) {
  test(`error: ${file}`, async () => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const expected = /^-- error: (.*)$/m.exec(text)?.[1];
    assert.ok(expected, 'the first line states the expected error');
    const engine = new Engine();
    await engine.execute(TABLES);
    await engine.execute(PLAIN);
    const statement = text; // the first line is a comment, so positions match the file
    assert.throws(
      () => engine.explain(statement),
      (error: unknown) => {
        assert.ok(error instanceof SluiceError, `expected a SluiceError, got ${String(error)}`);
        assert.ok(error.message.includes(expected), `message was: ${error.message}`);
        return true;
      },
    );
  });
}
