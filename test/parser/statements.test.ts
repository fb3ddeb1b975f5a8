import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateTable, Statement } from '../../src/parser/ast.js';
import { parseStatement, parseStatements } from '../../src/parser/index.js';

/** The node without `position`/`fnPosition` fields, for comparing shapes. */
function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key: string, v: unknown) => (key === 'position' || key === 'fnPosition' ? undefined : v)));
}

function createTable(sql: string): CreateTable {
  const statement = parseStatement(sql);
  assert.equal(statement.kind, 'create-table');
  return statement as CreateTable;
}

const BID_TABLE = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/bids.json',
  'format' = 'json'
)`;

describe('CREATE TABLE', () => {
  it('parses the Flink Bid table', () => {
    const table = createTable(BID_TABLE);
    assert.equal(table.name.name, 'Bid');
    assert.equal(table.ifNotExists, false);
    assert.deepEqual(shape(table.columns.map((column) => column.kind === 'physical-column' && column.type)), [
      { kind: 'type', name: 'TIMESTAMP', params: [3], notNull: false },
      { kind: 'type', name: 'DECIMAL', params: [10, 2], notNull: false },
      { kind: 'type', name: 'STRING', params: [], notNull: false },
    ]);
    assert.equal(table.watermark?.column.name, 'bidtime');
    assert.deepEqual(shape(table.watermark?.expr), {
      kind: 'binary',
      op: '-',
      left: { kind: 'column', path: [{ kind: 'identifier', name: 'bidtime', quoted: false }] },
      right: { kind: 'interval', text: '1', sign: 1, unit: 'SECOND' },
    });
    assert.deepEqual(
      table.options.map((option) => [option.key, option.value]),
      [
        ['connector', 'filesystem'],
        ['path', 'data/bids.json'],
        ['format', 'json'],
      ],
    );
    assert.deepEqual(table.position, { line: 1, column: 1, offset: 0 });
    assert.deepEqual(table.watermark?.position, { line: 5, column: 3, offset: 84 });
  });

  it('parses computed columns, NOT NULL, comments, a primary key and IF NOT EXISTS; WITH is optional', () => {
    const table = createTable(
      "create table if not exists t (id BIGINT NOT NULL COMMENT 'the id', ts AS PROCTIME(), " +
        "PRIMARY KEY (id) NOT ENFORCED) COMMENT 'a table'",
    );
    assert.equal(table.ifNotExists, true);
    const [id, ts] = table.columns;
    assert.deepEqual(shape(id), {
      kind: 'physical-column',
      name: { kind: 'identifier', name: 'id', quoted: false },
      type: { kind: 'type', name: 'BIGINT', params: [], notNull: true },
      comment: 'the id',
    });
    assert.equal(ts?.kind, 'computed-column');
    assert.deepEqual(table.primaryKey.map((column) => column.name), ['id']);
    assert.deepEqual(table.options, []);
  });

  it('allows common column names that are keywords elsewhere', () => {
    const table = createTable('CREATE TABLE t (key STRING, comment STRING, timestamp TIMESTAMP(3), time TIME, watermark INT, `value` INT)');
    assert.deepEqual(
      table.columns.map((column) => column.name.name),
      ['key', 'comment', 'timestamp', 'time', 'watermark', 'value'],
    );
  });
});

describe('views, drops, inserts', () => {
  it('parses CREATE [TEMPORARY] VIEW [IF NOT EXISTS]', () => {
    const view = parseStatement('CREATE TEMPORARY VIEW IF NOT EXISTS v AS SELECT a FROM t');
    assert.equal(view.kind, 'create-view');
    assert.ok(view.kind === 'create-view');
    assert.equal(view.name.name, 'v');
    assert.equal(view.ifNotExists, true);
    assert.equal(view.query.from?.kind, 'table-ref');
  });

  it('parses DROP TABLE and DROP VIEW with IF EXISTS', () => {
    assert.deepEqual(shape(parseStatements('DROP TABLE IF EXISTS t; drop temporary view v')), [
      { kind: 'drop-table', name: { kind: 'identifier', name: 't', quoted: false }, ifExists: true, text: 'DROP TABLE IF EXISTS t' },
      { kind: 'drop-view', name: { kind: 'identifier', name: 'v', quoted: false }, ifExists: false, text: 'drop temporary view v' },
    ]);
  });

  it('parses INSERT INTO with and without a column list', () => {
    const plain = parseStatement('INSERT INTO sink SELECT * FROM src');
    assert.ok(plain.kind === 'insert');
    assert.equal(plain.table.name, 'sink');
    assert.deepEqual(plain.columns, []);
    const listed = parseStatement('INSERT INTO sink (a, `b c`) SELECT x, y FROM src');
    assert.ok(listed.kind === 'insert');
    assert.deepEqual(
      listed.columns.map((column) => [column.name, column.quoted]),
      [
        ['a', false],
        ['b c', true],
      ],
    );
  });
});

describe('EXPLAIN and utility statements', () => {
  it('parses EXPLAIN [PLAN FOR] with the inner statement text', () => {
    const explain = parseStatement('EXPLAIN PLAN FOR INSERT INTO out SELECT a FROM t');
    assert.ok(explain.kind === 'explain');
    assert.equal(explain.text, 'EXPLAIN PLAN FOR INSERT INTO out SELECT a FROM t');
    assert.equal(explain.statement.kind, 'insert');
    assert.equal(explain.statement.text, 'INSERT INTO out SELECT a FROM t');
    const short = parseStatement('explain select 1');
    assert.ok(short.kind === 'explain');
    assert.equal(short.statement.kind, 'query');
  });

  it('parses SHOW TABLES, DESCRIBE [EXTENDED], DESC, SET and RESET', () => {
    const statements = parseStatements(
      "SHOW TABLES; DESCRIBE bids; DESC `my table`; DESCRIBE EXTENDED bids; DESC extended; SET 'parallelism.default' = '2'; SET; RESET 'a.b'; RESET",
    );
    assert.deepEqual(
      statements.map((statement): unknown => {
        switch (statement.kind) {
          case 'describe':
            return [statement.kind, statement.name.name];
          case 'set':
            return [statement.kind, statement.key, statement.value];
          case 'reset':
            return [statement.kind, statement.key];
          default:
            return [statement.kind];
        }
      }),
      [
        ['show-tables'],
        ['describe', 'bids'],
        ['describe', 'my table'],
        ['describe', 'bids'],
        ['describe', 'extended'],
        ['set', 'parallelism.default', '2'],
        ['set', null, null],
        ['reset', 'a.b'],
        ['reset', null],
      ],
    );
  });
});

describe('scripts', () => {
  it('splits a script into statements with their source text', () => {
    const script = `-- the bids\n${BID_TABLE};\n\n;SELECT 'a;b' AS x FROM Bid /* ; */  ;\nSHOW TABLES`;
    const statements: Statement[] = parseStatements(script);
    assert.deepEqual(
      statements.map((statement) => statement.kind),
      ['create-table', 'query', 'show-tables'],
    );
    assert.equal(statements[0]?.text, BID_TABLE);
    assert.equal(statements[1]?.text, "SELECT 'a;b' AS x FROM Bid");
    assert.equal(statements[2]?.text, 'SHOW TABLES');
    assert.deepEqual(statements[2]?.position, { line: 14, column: 1, offset: script.length - 'SHOW TABLES'.length });
  });

  it('ignores empty and comment-only statements', () => {
    assert.deepEqual(parseStatements(' ; -- nothing\n ; /* nor here */'), []);
  });

  it('parseStatement accepts a trailing semicolon but not two statements', () => {
    assert.equal(parseStatement('SHOW TABLES;').kind, 'show-tables');
    assert.throws(() => parseStatement('SHOW TABLES; SHOW TABLES'), /Expected a single statement; found another one at 1:14/);
    assert.throws(() => parseStatement('  -- only a comment'), /Expected a SQL statement/);
  });
});
