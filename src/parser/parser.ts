/**
 * The SQL parser: statement rules on top of the query and expression rules, and the one shared parser
 * instance. Statements are built without their `text`; `index.ts` adds it from the source.
 */
import type { IToken } from 'chevrotain';
import { SqlSyntaxError } from '../common/errors.js';
import type {
  ColumnDef,
  ComputedColumnDef,
  Expression,
  Identifier,
  Insert,
  QueryStatement,
  Statement,
  TableOption,
  TypeName,
  WatermarkDef,
} from './ast.js';
import { stringContent, tokenStart } from './lexer.js';
import { QueryRules } from './queries.js';
import * as T from './tokens.js';

/** A statement before its source text is attached. */
export type ParsedStatement = Statement extends infer S ? (S extends Statement ? Omit<S, 'text'> : never) : never;

type TableElement =
  | { readonly kind: 'column'; readonly column: ColumnDef | ComputedColumnDef }
  | { readonly kind: 'watermark'; readonly watermark: WatermarkDef }
  | { readonly kind: 'primary-key'; readonly columns: readonly Identifier[] };

export class SqlParser extends QueryRules {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  public statement = this.RULE('statement', (): ParsedStatement => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.createStatement) },
      { ALT: () => this.SUBRULE(this.dropStatement) },
      { ALT: () => this.SUBRULE(this.insertStatement) },
      { ALT: () => this.SUBRULE(this.queryStatement) },
      { ALT: () => this.SUBRULE(this.explainStatement) },
      { ALT: () => this.SUBRULE(this.utilityStatement) },
    ]);
  });

  /** A whole input that is one expression (watermark expressions given through the API). */
  public standaloneExpression = this.RULE('standaloneExpression', (): Expression => this.SUBRULE(this.expression));

  /** A whole input that is one type, e.g. `DECIMAL(10, 2)`. */
  public standaloneType = this.RULE('standaloneType', (): TypeName => this.SUBRULE(this.typeName));

  private createStatement = this.RULE('createStatement', (): ParsedStatement => {
    const create = this.CONSUME(T.Create);
    return this.OR([
      { ALT: () => this.SUBRULE(this.createTableBody, { ARGS: [create] }) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Temporary));
          this.CONSUME(T.View);
          const ifNotExists = this.SUBRULE(this.ifNotExists);
          const name = this.SUBRULE(this.identifier);
          this.CONSUME(T.As);
          const query = this.SUBRULE(this.query);
          return this.ACTION(
            (): ParsedStatement => ({ kind: 'create-view', name, ifNotExists, query, position: tokenStart(create) }),
          );
        },
      },
    ]);
  });

  private ifNotExists = this.RULE('ifNotExists', (): boolean => {
    const written = this.OPTION(() => {
      this.CONSUME(T.If);
      this.CONSUME(T.Not);
      this.CONSUME(T.Exists);
      return true;
    });
    return written === true;
  });

  private ifExists = this.RULE('ifExists', (): boolean => {
    const written = this.OPTION(() => {
      this.CONSUME(T.If);
      this.CONSUME(T.Exists);
      return true;
    });
    return written === true;
  });

  private createTableBody = this.RULE('createTableBody', (create: IToken): ParsedStatement => {
    this.CONSUME(T.Table);
    const ifNotExists = this.SUBRULE(this.ifNotExists);
    const name = this.SUBRULE(this.identifier);
    const elements: TableElement[] = [];
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const element = this.SUBRULE(this.tableElement);
        this.ACTION(() => elements.push(element));
      },
    });
    this.CONSUME(T.RParen);
    this.OPTION(() => {
      this.CONSUME(T.Comment);
      this.CONSUME(T.StringLiteral);
    });
    const options: TableOption[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.With);
      this.CONSUME2(T.LParen);
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const key = this.CONSUME2(T.StringLiteral);
          this.CONSUME(T.Equals);
          const value = this.CONSUME3(T.StringLiteral);
          this.ACTION(() =>
            options.push({ key: stringContent(key.image), value: stringContent(value.image), position: tokenStart(key) }),
          );
        },
      });
      this.CONSUME2(T.RParen);
    });
    return this.ACTION((): ParsedStatement => {
      const columns: (ColumnDef | ComputedColumnDef)[] = [];
      let watermark: WatermarkDef | null = null;
      let primaryKey: readonly Identifier[] = [];
      for (const element of elements) {
        if (element.kind === 'column') columns.push(element.column);
        else if (element.kind === 'primary-key') primaryKey = element.columns;
        else if (watermark !== null) {
          throw new SqlSyntaxError('A table can have only one WATERMARK', { position: element.watermark.position });
        } else watermark = element.watermark;
      }
      return { kind: 'create-table', name, ifNotExists, columns, watermark, primaryKey, options, position: tokenStart(create) };
    });
  });

  private tableElement = this.RULE('tableElement', (): TableElement => {
    return this.OR([
      {
        ALT: () => {
          const start = this.CONSUME(T.Watermark);
          this.CONSUME(T.For);
          const column = this.SUBRULE(this.identifier);
          this.CONSUME(T.As);
          const expr = this.SUBRULE(this.expression);
          return this.ACTION((): TableElement => ({ kind: 'watermark', watermark: { column, expr, position: tokenStart(start) } }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Primary);
          this.CONSUME(T.Key);
          this.CONSUME(T.LParen);
          const columns: Identifier[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const column = this.SUBRULE2(this.identifier);
              this.ACTION(() => columns.push(column));
            },
          });
          this.CONSUME(T.RParen);
          this.CONSUME(T.Not);
          this.CONSUME(T.Enforced);
          return this.ACTION((): TableElement => ({ kind: 'primary-key', columns }));
        },
      },
      {
        ALT: () => {
          const name = this.SUBRULE3(this.identifier);
          const column = this.OR2([
            {
              ALT: () => {
                this.CONSUME2(T.As);
                const expr = this.SUBRULE2(this.expression);
                return this.ACTION((): ComputedColumnDef => ({ kind: 'computed-column', name, expr, position: name.position }));
              },
            },
            {
              ALT: () => {
                const type = this.SUBRULE(this.typeName);
                const comment = this.OPTION(() => {
                  this.CONSUME(T.Comment);
                  return this.CONSUME(T.StringLiteral);
                });
                return this.ACTION(
                  (): ColumnDef => ({
                    kind: 'physical-column',
                    name,
                    type,
                    comment: comment === undefined ? null : stringContent(comment.image),
                    position: name.position,
                  }),
                );
              },
            },
          ]);
          return this.ACTION((): TableElement => ({ kind: 'column', column }));
        },
      },
    ]);
  });

  private dropStatement = this.RULE('dropStatement', (): ParsedStatement => {
    const drop = this.CONSUME(T.Drop);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Table);
          const ifExists = this.SUBRULE(this.ifExists);
          const name = this.SUBRULE(this.identifier);
          return this.ACTION((): ParsedStatement => ({ kind: 'drop-table', name, ifExists, position: tokenStart(drop) }));
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Temporary));
          this.CONSUME(T.View);
          const ifExists = this.SUBRULE2(this.ifExists);
          const name = this.SUBRULE2(this.identifier);
          return this.ACTION((): ParsedStatement => ({ kind: 'drop-view', name, ifExists, position: tokenStart(drop) }));
        },
      },
    ]);
  });

  private insertStatement = this.RULE('insertStatement', (): Omit<Insert, 'text'> => {
    const insert = this.CONSUME(T.Insert);
    this.CONSUME(T.Into);
    const table = this.SUBRULE(this.identifier);
    const columns: Identifier[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({
        SEP: T.Comma,
        DEF: () => {
          const column = this.SUBRULE2(this.identifier);
          this.ACTION(() => columns.push(column));
        },
      });
      this.CONSUME(T.RParen);
    });
    const query = this.SUBRULE(this.query);
    return this.ACTION(() => ({ kind: 'insert' as const, table, columns, query, position: tokenStart(insert) }));
  });

  private queryStatement = this.RULE('queryStatement', (): Omit<QueryStatement, 'text'> => {
    const query = this.SUBRULE(this.query);
    return this.ACTION(() => ({ kind: 'query' as const, query, position: query.position }));
  });

  private explainStatement = this.RULE('explainStatement', (): ParsedStatement => {
    const explain = this.CONSUME(T.Explain);
    this.OPTION(() => {
      this.CONSUME(T.Plan);
      this.CONSUME(T.For);
    });
    const explained = this.OR([
      { ALT: () => this.SUBRULE(this.insertStatement) },
      { ALT: () => this.SUBRULE(this.queryStatement) },
    ]);
    return this.ACTION((): ParsedStatement => ({
      kind: 'explain',
      // The explained statement's text is the EXPLAIN's text less the EXPLAIN [PLAN FOR] prefix; index.ts fills it.
      statement: { ...explained, text: '' },
      position: tokenStart(explain),
    }));
  });

  /** SHOW TABLES, DESCRIBE/DESC name, SET ['k' = 'v'], RESET ['k']. */
  private utilityStatement = this.RULE('utilityStatement', (): ParsedStatement => {
    return this.OR([
      {
        ALT: () => {
          const show = this.CONSUME(T.Show);
          this.CONSUME(T.Tables);
          return this.ACTION((): ParsedStatement => ({ kind: 'show-tables', position: tokenStart(show) }));
        },
      },
      {
        ALT: () => {
          const describe = this.OR2([{ ALT: () => this.CONSUME(T.Describe) }, { ALT: () => this.CONSUME(T.Desc) }]);
          const name = this.SUBRULE(this.identifier);
          return this.ACTION((): ParsedStatement => ({ kind: 'describe', name, position: tokenStart(describe) }));
        },
      },
      {
        ALT: () => {
          const set = this.CONSUME(T.SetKeyword);
          const pair = this.OPTION(() => {
            const key = this.CONSUME(T.StringLiteral);
            this.CONSUME(T.Equals);
            const value = this.CONSUME2(T.StringLiteral);
            return { key, value };
          });
          return this.ACTION((): ParsedStatement => ({
            kind: 'set',
            key: pair === undefined ? null : stringContent(pair.key.image),
            value: pair === undefined ? null : stringContent(pair.value.image),
            position: tokenStart(set),
          }));
        },
      },
      {
        ALT: () => {
          const reset = this.CONSUME(T.Reset);
          const key = this.OPTION2(() => this.CONSUME3(T.StringLiteral));
          return this.ACTION((): ParsedStatement => ({
            kind: 'reset',
            key: key === undefined ? null : stringContent(key.image),
            position: tokenStart(reset),
          }));
        },
      },
    ]);
  });
}

/** The one parser instance (chevrotain parsers are reusable: set `input`, call a rule). */
export const sqlParser = new SqlParser();
