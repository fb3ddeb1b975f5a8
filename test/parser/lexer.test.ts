import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlSyntaxError } from '../../src/common/errors.js';
import { tokenize } from '../../src/parser/lexer.js';

function kinds(sql: string): string[] {
  return tokenize(sql).map((token) => `${token.tokenType.name}:${token.image}`);
}

function lexError(sql: string): SqlSyntaxError {
  try {
    tokenize(sql);
  } catch (error) {
    assert.ok(error instanceof SqlSyntaxError, `expected SqlSyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a lexing error');
}

describe('lexer', () => {
  it('reads keywords case-insensitively and keeps longer words as identifiers', () => {
    assert.deepEqual(kinds('select Selection FROM fromage'), [
      'SELECT:select',
      'Identifier:Selection',
      'FROM:FROM',
      'Identifier:fromage',
    ]);
  });

  it('tells AS from ASC and TABLE from TABLES', () => {
    assert.deepEqual(kinds('as asc table tables'), ['AS:as', 'ASC:asc', 'TABLE:table', 'TABLES:tables']);
  });

  it('skips line and block comments, tracking lines', () => {
    const tokens = tokenize('SELECT -- first line\n /* a\n block */ a');
    assert.deepEqual(
      tokens.map((token) => [token.image, token.startLine, token.startColumn]),
      [
        ['SELECT', 1, 1],
        ['a', 3, 11],
      ],
    );
  });

  it('reads numbers in all their forms', () => {
    assert.deepEqual(kinds('12 4.00 .5 1e3 2.5E-2'), [
      'NumberLiteral:12',
      'NumberLiteral:4.00',
      'NumberLiteral:.5',
      'NumberLiteral:1e3',
      'NumberLiteral:2.5E-2',
    ]);
  });

  it('reads operators longest first', () => {
    assert.deepEqual(
      tokenize('<> != <= >= => || = < > - /').map((token) => token.tokenType.name),
      ['NotEquals', 'BangEquals', 'LessOrEqual', 'GreaterOrEqual', 'Arrow', 'Concat', 'Equals', 'Less', 'Greater', 'Minus', 'Slash'],
    );
  });

  it('reads strings and backquoted identifiers with doubled-quote escapes', () => {
    assert.deepEqual(kinds("'it''s' `a``b`"), ["StringLiteral:'it''s'", 'QuotedIdentifier:`a``b`']);
  });

  it('reports an unexpected character with its position', () => {
    const error = lexError('SELECT a\nFROM t # x');
    assert.equal(error.detail, "Unexpected character '#'");
    assert.deepEqual(error.position, { line: 2, column: 8, offset: 16 });
  });

  it('reports an unterminated string at its opening quote', () => {
    const error = lexError("SELECT\n  a || 'abc FROM t");
    assert.equal(error.detail, 'Unterminated string literal');
    assert.equal(error.message, 'Unterminated string literal at 2:8');
  });

  it('reports unterminated quoted identifiers and comments', () => {
    assert.equal(lexError('SELECT `abc').message, 'Unterminated quoted identifier at 1:8');
    assert.equal(lexError('SELECT a /* never closed').message, 'Unterminated comment at 1:10');
  });
});
