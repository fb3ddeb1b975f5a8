/**
 * docs/sql.md's statements table names every statement the parser produces, so the reference cannot drift from the
 * grammar: a new kind in the AST's `Statement` union fails to compile here until it has its documented form, and
 * this test fails until the table shows it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Statement } from '../../src/parser/ast.js';
import { parseStatement } from '../../src/parser/index.js';

/** How the statements table writes each kind (its first column contains this text), with a statement of it. */
const DOCUMENTED: Readonly<Record<Statement['kind'], readonly [documented: string, example: string]>> = {
  'create-table': ['CREATE TABLE', "CREATE TABLE t (a INT) WITH ('connector' = 'datagen')"],
  'create-view': ['CREATE VIEW', 'CREATE VIEW v AS SELECT 1'],
  'drop-table': ['DROP TABLE', 'DROP TABLE t'],
  'drop-view': ['DROP VIEW', 'DROP VIEW v'],
  insert: ['INSERT INTO', 'INSERT INTO t SELECT 1'],
  query: ['SELECT', 'SELECT 1'],
  explain: ['EXPLAIN', 'EXPLAIN SELECT 1'],
  'show-tables': ['SHOW TABLES', 'SHOW TABLES'],
  describe: ['DESCRIBE', 'DESCRIBE t'],
  set: ['SET', "SET 'a' = 'b'"],
  reset: ['RESET', 'RESET'],
  'show-watermarks': ['SHOW WATERMARKS', 'SHOW WATERMARKS'],
  'show-jobs': ['SHOW JOBS', 'SHOW JOBS'],
  'show-views': ['SHOW VIEWS', 'SHOW VIEWS'],
  'show-functions': ['SHOW FUNCTIONS', 'SHOW FUNCTIONS'],
  'show-create': ['SHOW CREATE TABLE', 'SHOW CREATE TABLE t'],
  'show-columns': ['SHOW COLUMNS', 'SHOW COLUMNS FROM t'],
  'show-partitions': ['SHOW PARTITIONS', "SHOW PARTITIONS t PARTITION (dt = '2024-01-01')"],
  'use-catalog': ['USE CATALOG', 'USE CATALOG default_catalog'],
  'use-database': ['USE default_database', 'USE db'],
  'create-function': ['CREATE [TEMPORARY] [SYSTEM] FUNCTION', "CREATE FUNCTION f AS 'f.mjs' LANGUAGE JAVASCRIPT"],
  'drop-function': ['DROP [TEMPORARY] [SYSTEM] FUNCTION', 'DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f'],
  'alter-table': ['ALTER TABLE', "ALTER TABLE t RENAME TO u"],
  'show-catalogs': ['SHOW CATALOGS', 'SHOW CURRENT DATABASE'],
  'statement-set': ['EXECUTE STATEMENT SET', 'EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT 1; END'],
  'explain-statement-set': ['EXPLAIN STATEMENT SET', 'EXPLAIN STATEMENT SET BEGIN INSERT INTO t SELECT 1; END'],
};

/** The first cells of the rows of docs/sql.md's table under `## Statements` (all but the example), backticks removed. */
function statementsTable(): string[] {
  const doc = readFileSync(new URL('../../docs/sql.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Statements'), doc.indexOf('\n#', doc.indexOf('## Statements') + 1));
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Statement')).map((line) => line.slice(0, line.lastIndexOf(' | ')).replace(/`/g, ''));
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('each example parses to the statement kind it documents', () => {
  for (const [kind, [, example]] of Object.entries(DOCUMENTED)) {
    assert.equal(parseStatement(example).kind, kind, example);
  }
});

test('every statement kind is in the statements table of docs/sql.md', () => {
  const rows = statementsTable();
  assert.ok(rows.length > 5, 'the statements table was not found');
  const missing = Object.entries(DOCUMENTED).filter(([, [documented]]) => !rows.some((row) => new RegExp(`(^|[^A-Z])${escaped(documented)}\\b`).test(row)));
  assert.deepEqual(missing.map(([kind]) => kind), []);
});
