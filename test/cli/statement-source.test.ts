import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  leadingKeyword,
  locateStatements,
  startsJob,
  withOriginalPosition,
} from '../../src/cli/statement-source.js';

describe('statement-source', () => {
  const script = "CREATE TABLE t (a INT);\n-- the job\nINSERT INTO s\n  SELECT a FROM t;\n";

  it('locates statements in the script and keeps their line:column when padded', () => {
    const located = locateStatements(script, ['CREATE TABLE t (a INT)', '\n-- the job\nINSERT INTO s\n  SELECT a FROM t']);
    assert.equal(located[0]?.offset, 0);
    const second = located[1];
    assert.ok(second);
    assert.equal(script.slice(second.offset, second.offset + 6), '-- the');
    const padded = withOriginalPosition(script, second);
    const lines = padded.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '  SELECT a FROM t');
    assert.equal(lines[0]?.trim(), '');
  });

  it('finds the leading keyword past comments and parentheses', () => {
    assert.equal(leadingKeyword('-- hello\n/* x */ insert into t'), 'INSERT');
    assert.equal(leadingKeyword('  (SELECT 1)'), 'SELECT');
    assert.equal(leadingKeyword('-- only a comment'), '');
  });

  it('tells jobs from DDL', () => {
    assert.equal(startsJob('INSERT INTO s SELECT 1'), true);
    assert.equal(startsJob('WITH x AS (SELECT 1) SELECT * FROM x'), true);
    assert.equal(startsJob("SET 'a' = 'b'"), false);
    assert.equal(startsJob('CREATE TABLE t (a INT)'), false);
  });
});
