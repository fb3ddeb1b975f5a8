import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InternalError, PlanError } from '../../src/common/errors.js';
import { BUG_NOTICE, formatError } from '../../src/cli/format-error.js';

describe('formatError', () => {
  const unknownColumn = new PlanError("Unknown column 'pric'", {
    position: { line: 3, column: 10 },
    hint: "did you mean 'price'?",
  });

  it('prefixes the source name when the error points into the SQL', () => {
    assert.deepEqual(formatError(unknownColumn, { sourceName: 'job.sql', debug: false }), [
      "Error: job.sql: Unknown column 'pric' at 3:10 (did you mean 'price'?)",
    ]);
  });

  it('leaves the prefix out without a source name or a position', () => {
    assert.deepEqual(formatError(unknownColumn, { debug: false }), [
      "Error: Unknown column 'pric' at 3:10 (did you mean 'price'?)",
    ]);
    assert.deepEqual(formatError(new PlanError('No such table'), { sourceName: 'a.sql', debug: false }), [
      'Error: No such table',
    ]);
  });

  it('adds the stack only in debug mode', () => {
    const lines = formatError(unknownColumn, { debug: true });
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? '', /PlanError/);
  });

  it('asks for a bug report, with the stack, for internal errors', () => {
    const lines = formatError(new InternalError('operator state lost'), { debug: false });
    assert.equal(lines[0], 'Error: operator state lost');
    assert.equal(lines[1], BUG_NOTICE);
    assert.match(lines[2] ?? '', /InternalError/);
  });
});
