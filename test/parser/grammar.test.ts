/** The grammar passes chevrotain's own checks (skipped when the shared parser is built, to start faster). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlParser } from '../../src/parser/parser.js';

test("the grammar passes chevrotain's validations (no ambiguous alternatives, no left recursion)", () => {
  assert.doesNotThrow(() => new SqlParser({ validateGrammar: true }));
});
