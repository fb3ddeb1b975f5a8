import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlSyntaxError } from '../../src/common/errors.js';
import { parseExpression, parseStatement, parseStatements } from '../../src/parser/index.js';

function syntaxError(run: () => unknown): SqlSyntaxError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SqlSyntaxError, `expected SqlSyntaxError, got ${String(error)}`);
    assert.equal(error.kind, 'syntax');
    return error;
  }
  assert.fail('expected a syntax error');
}

const at = (error: SqlSyntaxError): string => `${error.position?.line}:${error.position?.column}`;

describe('syntax errors', () => {
  it('reports a misspelt statement keyword with a hint', () => {
    const error = syntaxError(() => parseStatement('SELEC a FROM t'));
    assert.equal(at(error), '1:1');
    assert.equal(
      error.detail,
      "Unexpected 'SELEC'; expected CREATE, DROP, INSERT, SELECT, VALUES, ALTER, EXECUTE, BEGIN, EXPLAIN, SHOW, DESCRIBE, DESC, USE, SET or RESET",
    );
    assert.equal(error.hint, 'did you mean SELECT?');
  });

  it('blames a misspelt FROM that was read as an alias', () => {
    const error = syntaxError(() => parseStatement('SELECT a, b\nFORM bids'));
    assert.equal(at(error), '2:1');
    assert.equal(
      error.detail,
      "Unexpected 'FORM'; expected ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, FETCH or ';'",
    );
    assert.equal(error.hint, 'did you mean FROM?');
    assert.equal(
      error.message,
      "Unexpected 'FORM'; expected ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, FETCH or ';' at 2:1 (did you mean FROM?)",
    );
  });

  it('reports a missing FROM table at the end of input', () => {
    const error = syntaxError(() => parseStatement('SELECT a FROM'));
    assert.equal(at(error), '1:14');
    assert.equal(error.detail, "Unexpected end of input; expected TABLE, LATERAL, UNNEST, an identifier or '('");
  });

  it("reports a missing FROM table before ';' at the ';'", () => {
    const error = syntaxError(() => parseStatements('SHOW TABLES;\nSELECT a FROM ;'));
    assert.equal(at(error), '2:15');
    assert.match(error.detail, /^Unexpected ';'; expected TABLE/);
  });

  it('reports an unbalanced parenthesis', () => {
    const missingClose = syntaxError(() => parseStatement('SELECT (a + b FROM t'));
    assert.equal(at(missingClose), '1:15');
    assert.match(missingClose.detail, /^Unexpected 'FROM'; expected .*'\)'$/);
    const atEnd = syntaxError(() => parseExpression('f(a, (b + 1)'));
    assert.equal(at(atEnd), '1:13');
    assert.equal(atEnd.detail, "Unexpected end of input; expected an operator, ',' or ')'");
    const extraClose = syntaxError(() => parseStatement('SELECT a) FROM t'));
    assert.equal(at(extraClose), '1:9');
    assert.match(extraClose.detail, /^Unexpected '\)'/);
  });

  it('reports an unterminated string at its opening quote', () => {
    const error = syntaxError(() => parseStatements("SELECT a FROM t;\nSELECT 'abc FROM t"));
    assert.equal(at(error), '2:8');
    assert.equal(error.detail, 'Unterminated string literal');
  });

  it('reports an unexpected character', () => {
    const error = syntaxError(() => parseStatement('SELECT a # b FROM t'));
    assert.equal(at(error), '1:10');
    assert.equal(error.detail, "Unexpected character '#'");
  });

  it('says "an expression" where an expression is expected', () => {
    const error = syntaxError(() => parseStatement('SELECT a FROM t WHERE'));
    assert.equal(error.detail, 'Unexpected end of input; expected an expression');
    assert.equal(at(error), '1:22');
    assert.equal(syntaxError(() => parseExpression('')).detail, 'Unexpected end of input; expected an expression');
  });

  it('rejects INSERT OVERWRITE, joins without a condition, MATCH_RECOGNIZE without PATTERN and a bad VALUES row cleanly', () => {
    const overwrite = syntaxError(() => parseStatement('INSERT OVERWRITE t SELECT 1'));
    assert.equal(overwrite.detail, "Unexpected 'OVERWRITE'; expected INTO");
    assert.equal(at(overwrite), '1:8');
    const join = syntaxError(() => parseStatement('SELECT a FROM t LEFT JOIN u WHERE a > 1'));
    assert.equal(at(join), '1:29');
    assert.match(join.detail, /^Unexpected 'WHERE'; expected .*ON or USING$/);
    const outer = syntaxError(() => parseStatement('SELECT a FROM t OUTER JOIN u ON TRUE'));
    assert.equal(at(outer), '1:17');
    const match = syntaxError(() => parseStatement('SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY a)'));
    assert.equal(at(match), '1:48');
    assert.match(match.detail, /^Unexpected '\)'/);
    const values = syntaxError(() => parseStatement("INSERT INTO t VALUES (1, 'a'), 2"));
    assert.equal(at(values), '1:32');
    assert.match(values.detail, /^Unexpected '2'; expected '\('/);
  });

  it('reports bad interval units, LIMIT values and a second WATERMARK', () => {
    const unit = syntaxError(() => parseExpression("INTERVAL '1' WEEK"));
    assert.equal(unit.detail, "Unexpected 'WEEK'; expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND");
    assert.equal(at(unit), '1:14');
    assert.equal(at(syntaxError(() => parseStatement('SELECT a FROM t LIMIT 2.5'))), '1:23');
    const watermarks = syntaxError(() =>
      parseStatement('CREATE TABLE t (a TIMESTAMP(3),\n  WATERMARK FOR a AS a,\n  WATERMARK FOR a AS a)'),
    );
    assert.equal(watermarks.detail, 'A table can have only one WATERMARK');
    assert.equal(at(watermarks), '3:3');
  });

  it('reports a missing semicolon between statements', () => {
    const error = syntaxError(() => parseStatements('SHOW TABLES\nSELECT 1'));
    assert.equal(at(error), '2:1');
    assert.equal(error.detail, "Unexpected 'SELECT'; expected ';'");
  });

  it('reports trailing input after a standalone expression', () => {
    const error = syntaxError(() => parseExpression('a + 1 b'));
    assert.equal(at(error), '1:7');
    assert.match(error.detail, /^Unexpected 'b'; expected .*end of input$/);
  });

  it('reports a misplaced keyword in CREATE TABLE', () => {
    const error = syntaxError(() => parseStatement("CREATE TABLE t (a INT) WITH ('k' = 'v',)"));
    assert.equal(at(error), '1:40');
    assert.equal(error.detail, "Unexpected ')'; expected a string");
    const element = syntaxError(() => parseStatement('CREATE TABLE t (a INT,'));
    assert.equal(element.detail, 'Unexpected end of input; expected WATERMARK, PRIMARY KEY or an identifier');
  });
});
