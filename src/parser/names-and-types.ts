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
  'DECIMAL', 'DEC', 'NUMERIC', 'STRING', 'VARCHAR', 'CHAR', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'DATE', 'TIME', 'BYTES', 'BINARY', 'VARBINARY',
];

/** An integer written as a number token (type parameters, LIMIT). */
export function integerValue(token: IToken, what: string): number {
  if (!/^\d+$/.test(token.image)) {
    throw new SqlSyntaxError(`Expected an integer ${what}, found '${token.image}'`, { position: tokenStart(token) });
  }
  return Number(token.image);
}

export class NameAndTypeRules extends EmbeddedActionsParser {
  /**
   * `validateGrammar`: chevrotain's checks of the grammar itself (ambiguities, left recursion…), which cost about
   * half of the parser's construction at every start; test/parser/grammar.test.ts runs them.
   */
  constructor(options: { readonly validateGrammar?: boolean } = {}) {
    super(T.allTokens, { maxLookahead: 4, recoveryEnabled: false, skipValidations: options.validateGrammar !== true });
  }

  /** True if the tokens from LA(k) on are one or more `(` followed by SELECT or WITH: a parenthesised query. */
  protected parenthesisedQueryAhead(k: number): boolean {
    let i = k;
    if (this.LA(i).tokenType !== T.LParen) return false;
    while (this.LA(i).tokenType === T.LParen) i++;
    const next = this.LA(i).tokenType;
    return next === T.Select || next === T.With || next === T.Values;
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

  /** A scalar type, `ROW<…>`, `ARRAY<T>` or `MAP<K, V>`, optionally `NOT NULL`. */
  public typeName = this.RULE('typeName', (): TypeName => {
    const type = this.OR([
      { ALT: () => this.SUBRULE(this.rowTypeName) },
      { ALT: () => this.SUBRULE(this.collectionTypeName) },
      { ALT: () => this.SUBRULE(this.intervalTypeName) },
      { ALT: () => this.SUBRULE(this.scalarTypeName) },
    ]);
    const notNull = this.OPTION(() => {
      this.CONSUME(T.Not);
      this.CONSUME(T.Null);
      return true;
    });
    return this.ACTION((): TypeName => (notNull === true ? { ...type, notNull: true } : type));
  });

  /** `ROW<id BIGINT, name STRING>` or `ROW(id BIGINT, name STRING)`. */
  private rowTypeName = this.RULE('rowTypeName', (): TypeName => {
    const start = this.CONSUME(T.Row);
    const fields: { name: Identifier; type: TypeName }[] = [];
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Less);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const f = this.SUBRULE(this.rowTypeField); this.ACTION(() => fields.push(f)); } });
          this.CONSUME(T.Greater);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => { const f = this.SUBRULE2(this.rowTypeField); this.ACTION(() => fields.push(f)); } });
          this.CONSUME(T.RParen);
        },
      },
    ]);
    return this.ACTION((): TypeName => ({ kind: 'type', name: 'ROW', params: [], notNull: false, position: tokenStart(start), fields }));
  });

  /** `name TYPE` inside ROW<…>. */
  private rowTypeField = this.RULE('rowTypeField', (): { name: Identifier; type: TypeName } => {
    const name = this.SUBRULE(this.identifier);
    const type = this.SUBRULE(this.typeName);
    return { name, type };
  });

  /** `ARRAY<T>`, `MAP<K, V>`. */
  private collectionTypeName = this.RULE('collectionTypeName', (): TypeName => {
    const start = this.OR([{ ALT: () => this.CONSUME(T.ArrayKeyword) }, { ALT: () => this.CONSUME(T.MapKeyword) }]);
    const elements: TypeName[] = [];
    this.CONSUME(T.Less);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const element = this.SUBRULE(this.typeName);
        this.ACTION(() => elements.push(element));
      },
    });
    const close = this.CONSUME(T.Greater);
    return this.ACTION((): TypeName => {
      const name = start.tokenType === T.ArrayKeyword ? 'ARRAY' : 'MAP';
      const wanted = name === 'ARRAY' ? 1 : 2;
      if (elements.length !== wanted) {
        throw new SqlSyntaxError(`${name}<…> takes ${wanted === 1 ? 'one element type' : 'a key type and a value type'}, got ${elements.length}`, {
          position: tokenStart(close),
        });
      }
      return { kind: 'type', name, params: [], notNull: false, position: tokenStart(start), elements };
    });
  });

  /**
   * `INTERVAL YEAR TO MONTH`, `INTERVAL DAY(2) TO SECOND(3)`, `INTERVAL MONTH`: parsed so that the binder can say
   * interval types are not supported as column or CAST types (their units are not kept).
   */
  private intervalTypeName = this.RULE('intervalTypeName', (): TypeName => {
    const start = this.CONSUME(T.Interval);
    const unit = (): void => {
      this.CONSUME(T.LParen);
      this.CONSUME(T.NumberLiteral);
      this.OPTION(() => {
        this.CONSUME(T.Comma);
        this.CONSUME2(T.NumberLiteral);
      });
      this.CONSUME(T.RParen);
    };
    this.CONSUME(T.Identifier);
    this.OPTION2(unit);
    this.OPTION3(() => {
      this.CONSUME(T.To);
      this.CONSUME2(T.Identifier);
      this.OPTION4(() => {
        this.CONSUME2(T.LParen);
        this.CONSUME3(T.NumberLiteral);
        this.CONSUME2(T.RParen);
      });
    });
    return { kind: 'type', name: 'INTERVAL', params: [], notNull: false, position: tokenStart(start) };
  });

  /** `INT`, `DECIMAL(10, 2)`, `DOUBLE PRECISION`, `TIMESTAMP(3) WITHOUT TIME ZONE`. */
  private scalarTypeName = this.RULE('scalarTypeName', (): TypeName => {
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
    // TIMESTAMP(p) WITH LOCAL TIME ZONE (LOCAL is a plain word here).
    const withLocalTimeZone = this.OPTION5(() => {
      const withToken = this.CONSUME(T.With);
      const local = this.CONSUME2(T.Identifier);
      this.CONSUME3(T.Time);
      this.CONSUME2(T.Zone);
      return { withToken, local };
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
      if (withLocalTimeZone !== undefined) {
        if (name !== 'TIMESTAMP' || withLocalTimeZone.local.image.toUpperCase() !== 'LOCAL') {
          throw new SqlSyntaxError(`Unexpected 'WITH ${withLocalTimeZone.local.image}' after ${name}`, { position: tokenStart(withLocalTimeZone.withToken) });
        }
        return { kind: 'type', name: 'TIMESTAMP_LTZ', params, notNull: false, position: tokenStart(nameToken) };
      }
      return { kind: 'type', name, params, notNull: false, position: tokenStart(nameToken) };
    });
  });
}

function unquoted(token: IToken): Identifier {
  return { kind: 'identifier', name: token.image, quoted: false, position: tokenStart(token) };
}

