/** docs/sql.md lists every built-in function the binder accepts, so the reference cannot drift from the code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_FUNCTIONS } from '../../src/planner/binder/functions.js';
import { AGGREGATE_FUNCTION_NAMES } from '../../src/runtime/aggregates/index.js';
import { SHOWN_BUILTIN_FUNCTIONS } from '../../src/session/catalog-statements.js';

test('every built-in scalar function is in docs/sql.md', () => {
  const doc = readFileSync(new URL('../../docs/sql.md', import.meta.url), 'utf8');
  const missing = BUILTIN_FUNCTIONS.filter((name) => !new RegExp(`\\b${name}\\b`).test(doc));
  assert.deepEqual(missing, []);
});

test('every aggregate function is in docs/sql.md', () => {
  const doc = readFileSync(new URL('../../docs/sql.md', import.meta.url), 'utf8');
  const missing = AGGREGATE_FUNCTION_NAMES.filter((name) => !new RegExp(`\\b${name}\\(`).test(doc));
  assert.deepEqual(missing, []);
});

test('every function SHOW FUNCTIONS lists is in docs/sql.md or docs/windows.md', () => {
  const doc = ['sql.md', 'windows.md'].map((file) => readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8')).join('\n');
  const missing = SHOWN_BUILTIN_FUNCTIONS.filter((name) => !new RegExp(`\\b${name}\\b`).test(doc));
  assert.deepEqual(missing, []);
});
