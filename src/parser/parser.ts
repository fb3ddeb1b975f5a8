/**
 * The SQL parser: statement rules on top of the DDL, query and expression rules, and the one shared parser
 * instance. Statements are built without their `text`; `index.ts` adds it from the source.
 */
import { EOF, type IToken } from 'chevrotain';
import type { ExplainDetail, Expression, Identifier, Insert, QueryStatement, StatementSet, TypeName } from './ast.js';
import { DdlRules, type ParsedStatement } from './ddl.js';
import { stringContent, tokenStart } from './lexer.js';
import * as T from './tokens.js';

export type { ParsedStatement } from './ddl.js';

/** Flink's EXPLAIN details (ExplainDetail). */
export const EXPLAIN_DETAILS = ['CHANGELOG_MODE', 'ESTIMATED_COST', 'JSON_EXECUTION_PLAN', 'PLAN_ADVICE'] as const;

/** A statement set before the texts are attached (`index.ts` fills in each INSERT's text). */
type ParsedStatementSet = Omit<StatementSet, 'text'>;
type ShowListKind = 'show-tables' | 'show-views' | 'show-functions' | 'show-jobs' | 'show-watermarks';

export class SqlParser extends DdlRules {
  constructor(options: { readonly validateGrammar?: boolean } = {}) {
    super(options);
    this.performSelfAnalysis();
  }

  public statement = this.RULE('statement', (): ParsedStatement => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.createStatement) },
      { ALT: () => this.SUBRULE(this.dropStatement) },
      { ALT: () => this.SUBRULE(this.insertStatement) },
      { ALT: () => this.SUBRULE(this.queryStatement) },
      { ALT: () => this.SUBRULE(this.alterStatement) },
      { ALT: () => this.SUBRULE(this.executeStatement) },
      { ALT: () => this.SUBRULE(this.beginStatementSet) },
      { ALT: () => this.SUBRULE(this.explainStatement) },
      { ALT: () => this.SUBRULE(this.utilityStatement) },
    ]);
  });

  /** A whole input that is one expression (watermark expressions given through the API). */
  public standaloneExpression = this.RULE('standaloneExpression', (): Expression => this.SUBRULE(this.expression));

  /** A whole input that is one type, e.g. `DECIMAL(10, 2)`. */
  public standaloneType = this.RULE('standaloneType', (): TypeName => this.SUBRULE(this.typeName));

  private insertStatement = this.RULE('insertStatement', (): Omit<Insert, 'text'> => {
    const insert = this.CONSUME(T.Insert);
    this.CONSUME(T.Into);
    const table = this.SUBRULE(this.identifier);
    const columns: Identifier[] = [];
    this.OPTION({
      GATE: () => !this.parenthesisedQueryAhead(1),
      DEF: () => {
        this.CONSUME(T.LParen);
        this.AT_LEAST_ONE_SEP({
          SEP: T.Comma,
          DEF: () => {
            const column = this.SUBRULE2(this.identifier);
            this.ACTION(() => columns.push(column));
          },
        });
        this.CONSUME(T.RParen);
      },
    });
    const query = this.SUBRULE(this.query);
    return this.ACTION(() => ({ kind: 'insert' as const, table, columns, query, position: tokenStart(insert) }));
  });

  private queryStatement = this.RULE('queryStatement', (): Omit<QueryStatement, 'text'> => {
    const start = this.LA(1);
    const query = this.SUBRULE(this.query);
    return this.ACTION(() => ({ kind: 'query' as const, query, position: tokenStart(start) }));
  });

  /** `EXECUTE STATEMENT SET BEGIN INSERT …; INSERT …; END`. */
  private executeStatement = this.RULE('executeStatement', (): ParsedStatementSet => {
    const execute = this.CONSUME(T.Execute);
    const set = this.SUBRULE(this.statementSet);
    return this.ACTION((): ParsedStatementSet => ({ ...set, position: tokenStart(execute) }));
  });

  /** `STATEMENT SET BEGIN INSERT …; INSERT …; END`. */
  private statementSet = this.RULE('statementSet', (): ParsedStatementSet => {
    const statement = this.CONSUME(T.StatementKeyword);
    this.CONSUME(T.SetKeyword);
    this.CONSUME(T.Begin);
    const inserts = this.SUBRULE(this.statementSetInserts);
    this.CONSUME(T.End);
    return this.ACTION((): ParsedStatementSet => ({ kind: 'statement-set', inserts, position: tokenStart(statement) }));
  });

  /** The SQL client's form: `BEGIN STATEMENT SET; INSERT …; INSERT …; END` (one statement here). */
  private beginStatementSet = this.RULE('beginStatementSet', (): ParsedStatementSet => {
    const begin = this.CONSUME(T.Begin);
    this.CONSUME(T.StatementKeyword);
    this.CONSUME(T.SetKeyword);
    this.CONSUME(T.Semicolon);
    const inserts = this.SUBRULE(this.statementSetInserts);
    this.CONSUME(T.End);
    return this.ACTION((): ParsedStatementSet => ({ kind: 'statement-set', inserts, position: tokenStart(begin) }));
  });

  /** `INSERT …; INSERT …;` (index.ts refuses other statements here first, with a clearer message). */
  private statementSetInserts = this.RULE('statementSetInserts', (): Insert[] => {
    const inserts: Insert[] = [];
    this.AT_LEAST_ONE(() => {
      const insert = this.SUBRULE(this.insertStatement);
      this.CONSUME(T.Semicolon);
      this.ACTION(() => inserts.push({ ...insert, text: '' }));
    });
    return inserts;
  });

  private explainStatement = this.RULE('explainStatement', (): ParsedStatement => {
    const explain = this.CONSUME(T.Explain);
    this.OPTION(() => {
      this.CONSUME(T.Plan);
      this.CONSUME(T.For);
    });
    // Flink's details: words, so that no new keyword is reserved.
    const details: ExplainDetail[] = [];
    this.OPTION2({
      GATE: () => EXPLAIN_DETAILS.some((word) => this.isWord(this.LA(1), word)),
      DEF: () => {
        this.AT_LEAST_ONE_SEP({
          SEP: T.Comma,
          DEF: () => {
            const word = this.CONSUME(T.Identifier);
            this.ACTION(() => details.push({ name: word.image.toUpperCase(), position: tokenStart(word) }));
          },
        });
      },
    });
    const withDetails = details.length > 0 ? { details } : {};
    return this.OR([
      {
        ALT: () => {
          const explained = this.OR2([
            { ALT: () => this.SUBRULE(this.insertStatement) },
            { ALT: () => this.SUBRULE(this.queryStatement) },
          ]);
          return this.ACTION((): ParsedStatement => ({
            kind: 'explain',
            // The explained statement's text is the EXPLAIN's text less the EXPLAIN [PLAN FOR] prefix; index.ts fills it.
            statement: { ...explained, text: '' },
            ...withDetails,
            position: tokenStart(explain),
          }));
        },
      },
      {
        ALT: () => {
          const set = this.OR3([
            { ALT: () => this.SUBRULE2(this.executeStatement) },
            { ALT: () => this.SUBRULE2(this.statementSet) },
          ]);
          return this.ACTION((): ParsedStatement => ({
            kind: 'explain-statement-set',
            statementSet: { ...set, text: '' },
            ...withDetails,
            position: tokenStart(explain),
          }));
        },
      },
    ]);
  });

  /** SHOW …, DESCRIBE/DESC name, USE [CATALOG] name, SET ['k' = 'v'], RESET ['k']. */
  private utilityStatement = this.RULE('utilityStatement', (): ParsedStatement => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.showStatement) },
      {
        ALT: () => {
          const describe = this.OR2([{ ALT: () => this.CONSUME(T.Describe) }, { ALT: () => this.CONSUME(T.Desc) }]);
          // `DESCRIBE EXTENDED t` (Flink's; a table's description is the same); `DESCRIBE extended` names a table.
          this.OPTION4({
            GATE: () => this.isWord(this.LA(1), 'EXTENDED') && this.LA(2).tokenType !== EOF && this.LA(2).tokenType !== T.Semicolon,
            DEF: () => this.CONSUME(T.Identifier),
          });
          const name = this.SUBRULE(this.identifier);
          return this.ACTION((): ParsedStatement => ({ kind: 'describe', name, position: tokenStart(describe) }));
        },
      },
      {
        ALT: () => {
          const use = this.CONSUME(T.Use);
          // `USE catalog` names a database called catalog; `USE CATALOG c` a catalog.
          const catalog = this.OPTION3({ GATE: () => this.LA(2).tokenType !== EOF, DEF: () => this.CONSUME(T.Catalog) });
          const name = this.SUBRULE2(this.identifier);
          return this.ACTION((): ParsedStatement => ({
            kind: catalog === undefined ? 'use-database' : 'use-catalog',
            name,
            position: tokenStart(use),
          }));
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

  /** SHOW TABLES | VIEWS | [USER] FUNCTIONS | JOBS | WATERMARKS, SHOW COLUMNS FROM name [[NOT] LIKE 'p'], SHOW CREATE TABLE | VIEW name. */
  private showStatement = this.RULE('showStatement', (): ParsedStatement => {
    const show = this.CONSUME(T.Show);
    return this.OR([
      {
        ALT: () => {
          const kind = this.OR2([
            { ALT: () => this.showing(this.CONSUME(T.Tables), 'show-tables') },
            { ALT: () => this.showing(this.CONSUME(T.Views), 'show-views') },
            { ALT: () => this.showing(this.CONSUME(T.Functions), 'show-functions') },
            { ALT: () => this.showing(this.CONSUME(T.Jobs), 'show-jobs') },
            { ALT: () => this.showing(this.CONSUME(T.Watermarks), 'show-watermarks') },
          ]);
          return this.ACTION((): ParsedStatement => ({ kind, position: tokenStart(show) }));
        },
      },
      {
        GATE: () => this.isWord(this.LA(1), 'CATALOGS') || this.isWord(this.LA(1), 'DATABASES'),
        ALT: () => {
          const word = this.CONSUME(T.Identifier);
          const what = word.image.toUpperCase() === 'CATALOGS' ? 'catalogs' as const : 'databases' as const;
          return this.ACTION((): ParsedStatement => ({ kind: 'show-catalogs', what, position: tokenStart(show) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Current);
          const what = this.OR5([
            { ALT: () => { this.CONSUME(T.Catalog); return 'current catalog' as const; } },
            { GATE: () => this.isWord(this.LA(1), 'DATABASE'), ALT: () => { this.CONSUME2(T.Identifier); return 'current database' as const; } },
          ]);
          return this.ACTION((): ParsedStatement => ({ kind: 'show-catalogs', what, position: tokenStart(show) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.UserKeyword);
          this.CONSUME2(T.Functions);
          return this.ACTION((): ParsedStatement => ({ kind: 'show-functions', user: true, position: tokenStart(show) }));
        },
      },
      {
        GATE: () => this.isWord(this.LA(1), 'PARTITIONS'),
        ALT: () => {
          this.CONSUME3(T.Identifier);
          const name = this.SUBRULE3(this.identifier);
          const spec: { key: Identifier; value: string }[] = [];
          this.OPTION3(() => {
            this.CONSUME(T.Partition);
            this.CONSUME(T.LParen);
            this.AT_LEAST_ONE_SEP({
              SEP: T.Comma,
              DEF: () => {
                const key = this.SUBRULE4(this.identifier);
                this.CONSUME(T.Equals);
                const value = this.OR6([{ ALT: () => this.CONSUME2(T.StringLiteral) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]);
                this.ACTION(() => spec.push({ key, value: value.tokenType === T.StringLiteral ? stringContent(value.image) : value.image }));
              },
            });
            this.CONSUME(T.RParen);
          });
          return this.ACTION((): ParsedStatement => ({ kind: 'show-partitions', name, spec, position: tokenStart(show) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Columns);
          this.OR4([{ ALT: () => this.CONSUME(T.From) }, { ALT: () => this.CONSUME(T.In) }]);
          const name = this.SUBRULE2(this.identifier);
          const like = this.OPTION(() => {
            const not = this.OPTION2(() => this.CONSUME(T.Not));
            this.CONSUME(T.Like);
            const pattern = this.CONSUME(T.StringLiteral);
            return { pattern: stringContent(pattern.image), negated: not !== undefined };
          });
          return this.ACTION((): ParsedStatement => ({ kind: 'show-columns', name, like: like ?? null, position: tokenStart(show) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Create);
          const object = this.OR3([{ ALT: () => this.CONSUME(T.Table) }, { ALT: () => this.CONSUME(T.View) }]);
          const name = this.SUBRULE(this.identifier);
          return this.ACTION((): ParsedStatement => ({
            kind: 'show-create',
            object: object.tokenType === T.Table ? 'TABLE' : 'VIEW',
            name,
            position: tokenStart(show),
          }));
        },
      },
    ]);
  });

  private showing<K extends ShowListKind>(_word: IToken, kind: K): K {
    return kind;
  }
}

let shared: SqlParser | undefined;

/**
 * The one parser instance (chevrotain parsers are reusable: set `input`, call a rule), built on first use: building
 * it analyses the grammar (~0.3 s), which `--version`, `--help` and the shell's first frame need not wait for.
 */
export function sqlParser(): SqlParser {
  shared ??= new SqlParser();
  return shared;
}
