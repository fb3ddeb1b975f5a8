/**
 * Grammar rules for names and types, the base of the SQL parser (`expressions.ts`, `queries.ts` and `parser.ts`
 * extend it). The parser is configured here: LL(4) lookahead, no error recovery (the first error is reported).
 */
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import { SqlSyntaxError } from '../common/errors.js';
import type { Identifier, TypeName } from './ast.js';
import { quotedIdentifierContent, tokenStart } from './lexer.js';
import { closestWord } from './suggestions.js';
import * as T from './tokens.js';

/** The type names the parser accepts (the binder decides which of them Sluice supports). */
export const TYPE_NAMES: readonly string[] = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'FLOAT', 'REAL', 'DOUBLE',
  'DECIMAL', 'DEC', 'NUMERIC', 'STRING', 'VARCHAR', 'CHAR', 'TIMESTAMP', 'DATE', 'TIME', 'BYTES',
];

/** An integer written as a number token (type parameters, LIMIT). */
export function integerValue(token: IToken, what: string): number {
  if (!/^\d+$/.test(token.image)) {
    throw new SqlSyntaxError(`Expected an integer ${what}, found '${token.image}'`, { position: tokenStart(token) });
  }
  return Number(token.image);
}

export class NameAndTypeRules extends EmbeddedActionsParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 4, recoveryEnabled: false });
  }

  /** True if the tokens from LA(k) on are one or more `(` followed by SELECT or WITH: a parenthesised query. */
  protected parenthesisedQueryAhead(k: number): boolean {
    let i = k;
    if (this.LA(i).tokenType !== T.LParen) return false;
    while (this.LA(i).tokenType === T.LParen) i++;
    const next = this.LA(i).tokenType;
    return next === T.Select || next === T.With;
  }

  private consumeIdentifier(type: TokenType): Identifier {
    const token = this.CONSUME(type);
    return this.ACTION(() => unquoted(token));
  }

  /** A name: unquoted (non-reserved keywords included) or backquoted. */
  public identifier = this.RULE('identifier', (): Identifier => {
    return this.OR([
      { ALT: () => this.consumeIdentifier(T.Identifier) },
      { ALT: () => this.consumeIdentifier(T.NonReservedKeyword) },
      {
        ALT: () => {
          const token = this.CONSUME(T.QuotedIdentifier);
          return this.ACTION(
            (): Identifier => ({
              kind: 'identifier',
              name: quotedIdentifierContent(token.image),
              quoted: true,
              position: tokenStart(token),
            }),
          );
        },
      },
    ]);
  });

  /** `INT`, `DECIMAL(10, 2)`, `DOUBLE PRECISION`, `TIMESTAMP(3) WITHOUT TIME ZONE`, each optionally `NOT NULL`. */
  public typeName = this.RULE('typeName', (): TypeName => {
    const params: number[] = [];
    const nameToken = this.OR([
      { ALT: () => this.CONSUME(T.Timestamp) },
      { ALT: () => this.CONSUME(T.Time) },
      { ALT: () => this.CONSUME(T.DateKeyword) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      const first = this.CONSUME(T.NumberLiteral);
      this.ACTION(() => params.push(integerValue(first, 'type parameter')));
      this.OPTION2(() => {
        this.CONSUME(T.Comma);
        const second = this.CONSUME2(T.NumberLiteral);
        this.ACTION(() => params.push(integerValue(second, 'type parameter')));
      });
      this.CONSUME(T.RParen);
    });
    const precision = this.OPTION3(() => this.CONSUME(T.Precision));
    const withoutTimeZone = this.OPTION4(() => {
      const without = this.CONSUME(T.Without);
      this.CONSUME2(T.Time);
      this.CONSUME(T.Zone);
      return without;
    });
    const notNull = this.OPTION5(() => {
      this.CONSUME(T.Not);
      this.CONSUME(T.Null);
      return true;
    });
    return this.ACTION((): TypeName => {
      const name = nameToken.image.toUpperCase();
      if (!TYPE_NAMES.includes(name)) {
        const suggestion = closestWord(name, TYPE_NAMES);
        throw new SqlSyntaxError(`Unknown type '${nameToken.image}'`, {
          position: tokenStart(nameToken),
          hint:
            suggestion === undefined
              ? 'expected a type such as INT, BIGINT, DOUBLE, DECIMAL(p, s), STRING or TIMESTAMP(3)'
              : `did you mean ${suggestion}?`,
        });
      }
      if (precision !== undefined && name !== 'DOUBLE') {
        throw new SqlSyntaxError(`Unexpected 'PRECISION' after ${name}`, { position: tokenStart(precision) });
      }
      if (withoutTimeZone !== undefined && name !== 'TIMESTAMP' && name !== 'TIME') {
        throw new SqlSyntaxError(`Unexpected 'WITHOUT TIME ZONE' after ${name}`, { position: tokenStart(withoutTimeZone) });
      }
      return { kind: 'type', name, params, notNull: notNull === true, position: tokenStart(nameToken) };
    });
  });
}

function unquoted(token: IToken): Identifier {
  return { kind: 'identifier', name: token.image, quoted: false, position: tokenStart(token) };
}

