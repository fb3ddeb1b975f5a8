import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CreateTable, Statement } from '../../src/parser/ast.js';
import { parseStatement, parseStatements, splitStatements, statementName, syntaxFeatures } from '../../src/parser/index.js';
import { shape } from './render.js';

function createTable(sql: string): CreateTable {
  const statement = parseStatement(sql);
  assert.ok(statement.kind === 'create-table', `expected create-table, got ${statement.kind}`);
  return statement;
}

const ident = (name: string): unknown => ({ kind: 'identifier', name, quoted: false });

describe('SHOW, USE, ALTER and CREATE FUNCTION', () => {
  it('parses the SHOW family', () => {
    const statements = parseStatements('SHOW WATERMARKS; SHOW JOBS; SHOW VIEWS; SHOW FUNCTIONS; SHOW CREATE TABLE t; show create view v');
    assert.deepEqual(shape(statements), [
      { kind: 'show-watermarks', text: 'SHOW WATERMARKS' },
      { kind: 'show-jobs', text: 'SHOW JOBS' },
      { kind: 'show-views', text: 'SHOW VIEWS' },
      { kind: 'show-functions', text: 'SHOW FUNCTIONS' },
      { kind: 'show-create', object: 'TABLE', name: ident('t'), text: 'SHOW CREATE TABLE t' },
      { kind: 'show-create', object: 'VIEW', name: ident('v'), text: 'show create view v' },
    ]);
    assert.deepEqual(statements.map(statementName), [
      'SHOW WATERMARKS', 'SHOW JOBS', 'SHOW VIEWS', 'SHOW FUNCTIONS', 'SHOW CREATE TABLE', 'SHOW CREATE VIEW',
    ]);
  });

  it('parses USE CATALOG, USE db and ALTER TABLE … SET / RESET / RENAME TO', () => {
    const sql = "USE CATALOG cat; USE db; USE catalog; ALTER TABLE IF EXISTS t SET ('a' = 'b'); ALTER TABLE t RESET ('a', 'c'); ALTER TABLE t RENAME TO u";
    assert.deepEqual(shape(parseStatements(sql)), [
      { kind: 'use-catalog', name: ident('cat'), text: 'USE CATALOG cat' },
      { kind: 'use-database', name: ident('db'), text: 'USE db' },
      { kind: 'use-database', name: ident('catalog'), text: 'USE catalog' },
      { kind: 'alter-table', name: ident('t'), ifExists: true, action: { kind: 'set', options: [{ key: 'a', value: 'b' }] }, text: "ALTER TABLE IF EXISTS t SET ('a' = 'b')" },
      { kind: 'alter-table', name: ident('t'), ifExists: false, action: { kind: 'reset', keys: [{ key: 'a' }, { key: 'c' }] }, text: "ALTER TABLE t RESET ('a', 'c')" },
      { kind: 'alter-table', name: ident('t'), ifExists: false, action: { kind: 'rename', to: ident('u') }, text: 'ALTER TABLE t RENAME TO u' },
    ]);
  });

  it('parses CREATE [TEMPORARY [SYSTEM]] FUNCTION', () => {
    const fn = parseStatement("CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS parse_ua AS 'com.example.ParseUa' LANGUAGE java");
    assert.ok(fn.kind === 'create-function');
    assert.deepEqual(
      [fn.name.name, fn.temporary, fn.system, fn.ifNotExists, fn.className, fn.language],
      ['parse_ua', true, true, true, 'com.example.ParseUa', 'JAVA'],
    );
    const plain = parseStatement("CREATE FUNCTION f AS 'C'");
    assert.ok(plain.kind === 'create-function');
    assert.equal(plain.language, null);
    assert.throws(() => parseStatement('CREATE SYSTEM VIEW v AS SELECT 1'), /Unexpected 'SYSTEM'; only functions can be TEMPORARY SYSTEM at 1:8/);
  });
});

describe('CREATE TABLE extras', () => {
  it('parses METADATA columns, PARTITIONED BY and CREATE TEMPORARY TABLE', () => {
    const table = createTable(
      "CREATE TEMPORARY TABLE t (id BIGINT, `offset` BIGINT METADATA VIRTUAL, ts TIMESTAMP(3) METADATA FROM 'timestamp' COMMENT 'c', part STRING) " +
        "PARTITIONED BY (part) WITH ('connector' = 'filesystem')",
    );
    assert.equal('metadata' in table.columns[0]!, false);
    assert.deepEqual(
      table.columns.map((column) => (column.kind === 'physical-column' && column.metadata !== undefined ? shape(column.metadata) : null)),
      [null, { key: null, virtual: true }, { key: 'timestamp', virtual: false }, null],
    );
    assert.equal(table.columns[2]?.kind === 'physical-column' && table.columns[2].comment, 'c');
    assert.deepEqual(table.partitionedBy?.map((id) => id.name), ['part']);
    assert.equal(table.options.length, 1);
    assert.deepEqual(syntaxFeatures(table).map((feature) => feature.kind), ['metadata-column', 'metadata-column', 'partitioned-by']);
  });

  it('parses LIKE with options, with or without a column list', () => {
    const table = createTable("CREATE TABLE t2 (extra INT) WITH ('path' = 'x') LIKE t (INCLUDING ALL, EXCLUDING OPTIONS, OVERWRITING WATERMARKS)");
    assert.equal(table.like?.name.name, 't');
    assert.deepEqual(table.like?.options, [
      { mode: 'INCLUDING', what: 'ALL' },
      { mode: 'EXCLUDING', what: 'OPTIONS' },
      { mode: 'OVERWRITING', what: 'WATERMARKS' },
    ]);
    const bare = createTable("CREATE TABLE t3 WITH ('path' = 'y') LIKE t");
    assert.deepEqual(bare.columns, []);
    assert.deepEqual(bare.like?.options, []);
    assert.deepEqual(syntaxFeatures(bare).map((feature) => [feature.name, feature.position.column]), [['CREATE TABLE … LIKE', 37]]);
    assert.throws(() => parseStatement("CREATE TABLE t4 WITH ('a' = 'b')"), /CREATE TABLE t4 needs a column list, LIKE <table> or AS <query> at 1:14/);
    assert.throws(() => parseStatement('CREATE TABLE t5 LIKE t (INCLUDING EVERYTHING)'), /Unexpected 'EVERYTHING'; expected ALL, .* or METADATA at 1:35/);
  });
});

describe('statement sets', () => {
  const SET = `EXECUTE STATEMENT SET
BEGIN
  INSERT INTO a SELECT CASE WHEN x > 1 THEN 1 END FROM t;
  INSERT INTO b SELECT y FROM t;
END`;

  it('parses EXECUTE STATEMENT SET with each INSERT and its text', () => {
    const statements: Statement[] = parseStatements(`${SET};\nSHOW JOBS`);
    assert.deepEqual(statements.map((s) => s.kind), ['statement-set', 'show-jobs']);
    const set = statements[0];
    assert.ok(set?.kind === 'statement-set');
    assert.equal(set.text, SET);
    assert.deepEqual(set.inserts.map((insert) => [insert.table.name, insert.text]), [
      ['a', 'INSERT INTO a SELECT CASE WHEN x > 1 THEN 1 END FROM t'],
      ['b', 'INSERT INTO b SELECT y FROM t'],
    ]);
    assert.deepEqual(set.inserts[1]?.position, { line: 4, column: 3, offset: SET.indexOf('INSERT INTO b') });
  });

  it('parses EXPLAIN of a statement set, with or without EXECUTE', () => {
    for (const sql of [`EXPLAIN ${SET}`, 'EXPLAIN PLAN FOR STATEMENT SET BEGIN INSERT INTO a SELECT 1; END;']) {
      const explain = parseStatement(sql);
      assert.ok(explain.kind === 'explain-statement-set');
      assert.equal(explain.statementSet.kind, 'statement-set');
      assert.equal(explain.statementSet.inserts[0]?.table.name, 'a');
    }
  });

  it('reports a missing END or a missing semicolon', () => {
    assert.throws(() => parseStatement('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1;'), /Unexpected end of input; expected INSERT or END/);
    assert.throws(() => parseStatement('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1 END'), /Unexpected 'END'; expected .*';'/);
  });

  it("parses the SQL client's BEGIN STATEMENT SET; … END; as one statement", () => {
    const client = 'BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND';
    const statements = parseStatements(`${client};\nSHOW JOBS;`);
    assert.deepEqual(statements.map((s) => s.kind), ['statement-set', 'show-jobs']);
    const set = statements[0];
    assert.ok(set?.kind === 'statement-set');
    assert.equal(set.text, client);
    assert.deepEqual(set.inserts.map((insert) => insert.text), ['INSERT INTO a SELECT 1', 'INSERT INTO b SELECT 2']);
    assert.deepEqual(splitStatements(`${client};\nSELECT 1;`).complete, [client, 'SELECT 1']);
  });

  it('refuses a statement other than INSERT inside a statement set, at its first token', () => {
    assert.throws(() => parseStatement('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT (1); SELECT 2; END'), /Only INSERT statements are allowed in a statement set; found SELECT at 1:55 /);
    assert.throws(() => parseStatement('BEGIN STATEMENT SET;\nSHOW TABLES;\nEND'), /found SHOW at 2:1 /);
  });

  it('keeps a statement set together when splitting typed-in text', () => {
    assert.deepEqual(splitStatements(`${SET};\nSELECT 1;`), { complete: [SET, 'SELECT 1'], rest: '' });
    assert.deepEqual(splitStatements('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1;'), {
      complete: [],
      rest: 'EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1;',
    });
    assert.deepEqual(splitStatements("SELECT 'begin'; SELECT 'end';").complete, ["SELECT 'begin'", "SELECT 'end'"]);
  });
});

describe('syntax features', () => {
  it('lists the optional query constructs with their positions, outermost first', () => {
    const sql =
      'WITH c AS (SELECT a FROM t UNION ALL SELECT a FROM u) SELECT COUNT(*) FILTER (WHERE a > 1) FROM c GROUP BY ROLLUP (a) WINDOW w AS (ORDER BY a)';
    const statement = parseStatement(sql);
    const column = (text: string): number => sql.indexOf(text) + 1;
    assert.deepEqual(
      syntaxFeatures(statement).map((feature) => [feature.kind, feature.name, feature.position.column]),
      [
        ['with', 'WITH (common table expressions)', column('c AS')],
        ['grouping-sets', 'GROUPING SETS, ROLLUP and CUBE', column('ROLLUP')],
        ['named-window', 'The WINDOW clause', column('w AS')],
        ['set-operation', 'UNION ALL', column('UNION')],
        ['aggregate-filter', 'FILTER (WHERE …) on aggregates', column('a > 1')],
      ],
    );
    assert.deepEqual(syntaxFeatures(parseStatement('SELECT a FROM t WHERE a IN (1, 2)')), []);
  });
});
