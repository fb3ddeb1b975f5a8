/**
 * Grammar rules for FROM: tables (optionally `FOR SYSTEM_TIME AS OF …`), subqueries, window table-valued
 * functions (`TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …))`), `LATERAL TABLE(f(x))`, `UNNEST(arr)`, MATCH_RECOGNIZE after a
 * table or subquery (match-recognize.ts), and the joins between them
 * (`JOIN … ON`, `LEFT | RIGHT | FULL [OUTER] JOIN`, `CROSS JOIN`, commas), left-deep.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import { SqlSyntaxError } from '../common/errors.js';
import type {
  ColumnRef, Expression, FromItem, Identifier, Join, JoinType, LateralTable, SubqueryRef, TableRef, UnnestRef, WindowTvf,
} from './ast.js';
import { tokenStart } from './lexer.js';
import * as T from './tokens.js';
import { MatchRecognizeRules } from './match-recognize.js';
import { buildWindowTvf, type TvfValue, type WrittenTvfArgument } from './window-tvf.js';

function isIdentifierToken(token: IToken): boolean {
  return (
    tokenMatcher(token, T.Identifier) || tokenMatcher(token, T.QuotedIdentifier) || tokenMatcher(token, T.NonReservedKeyword)
  );
}

/** How the right side is attached: ON, USING or nothing (CROSS and comma joins). */
type JoinCondition = { readonly on: Expression } | { readonly using: readonly Identifier[] };

export abstract class FromRules extends MatchRecognizeRules {
  /**
   * Whether the query's row limit starts here (`OFFSET 2`, `FETCH FIRST`) rather than an alias without AS: OFFSET
   * and FETCH are non-reserved, so `FROM t OFFSET 2 ROWS` would otherwise name `t` "OFFSET".
   */
  protected rowLimitAhead(): boolean {
    return (this.LA(1).tokenType === T.Offset && this.LA(2).tokenType === T.NumberLiteral) || this.fetchAhead();
  }

  /** `FETCH FIRST` / `FETCH NEXT` next. */
  protected fetchAhead(): boolean {
    return this.LA(1).tokenType === T.Fetch && (this.isWord(this.LA(2), 'FIRST') || this.isWord(this.LA(2), 'NEXT'));
  }

  public alias = this.RULE('alias', (): Identifier => {
    this.OPTION(() => this.CONSUME(T.As));
    return this.SUBRULE(this.identifier);
  });

  /** A FROM clause's items with their joins: `a JOIN b ON … LEFT JOIN c USING (k), d`. */
  protected fromClause = this.RULE('fromClause', (): FromItem => {
    let result = this.SUBRULE(this.fromItem);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const comma = this.CONSUME(T.Comma);
            const right = this.SUBRULE2(this.fromItem);
            result = this.ACTION((): Join => join(result, right, 'CROSS', comma, null, true));
          },
        },
        {
          ALT: () => {
            const cross = this.CONSUME(T.Cross);
            this.CONSUME(T.Join);
            const right = this.SUBRULE3(this.fromItem);
            result = this.ACTION((): Join => join(result, right, 'CROSS', cross, null, false));
          },
        },
        {
          ALT: () => {
            const { type, start } = this.SUBRULE(this.joinKeywords);
            const right = this.SUBRULE4(this.fromItem);
            const condition = this.SUBRULE(this.joinCondition);
            result = this.ACTION((): Join => join(result, right, type, start, condition, false));
          },
        },
      ]);
    });
    return result;
  });

  /** `[INNER] JOIN`, `LEFT [OUTER] JOIN`, `RIGHT [OUTER] JOIN`, `FULL [OUTER] JOIN`. */
  private joinKeywords = this.RULE('joinKeywords', (): { type: JoinType; start: IToken } => {
    const written = this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Inner) },
        {
          ALT: () => {
            const token = this.OR2([
              { ALT: () => this.CONSUME(T.Left) },
              { ALT: () => this.CONSUME(T.Right) },
              { ALT: () => this.CONSUME(T.Full) },
            ]);
            this.OPTION2(() => this.CONSUME(T.Outer));
            return token;
          },
        },
      ]),
    );
    const keyword = this.CONSUME(T.Join);
    return this.ACTION(() => ({
      type: written === undefined ? 'INNER' : (written.image.toUpperCase() as JoinType),
      start: written ?? keyword,
    }));
  });

  private joinCondition = this.RULE('joinCondition', (): JoinCondition => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.On);
          return { on: this.SUBRULE(this.expression) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Using);
          this.CONSUME(T.LParen);
          const columns: Identifier[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const column = this.SUBRULE(this.identifier);
              this.ACTION(() => columns.push(column));
            },
          });
          this.CONSUME(T.RParen);
          return { using: columns };
        },
      },
    ]);
  });

  private fromItem = this.RULE('fromItem', (): FromItem => {
    return this.OR([
      {
        ALT: () => {
          const table = this.CONSUME(T.Table);
          this.CONSUME(T.LParen);
          const tvf = this.SUBRULE(this.windowCall);
          this.CONSUME(T.RParen);
          const alias = this.OPTION({ GATE: () => !this.rowLimitAhead(), DEF: () => this.SUBRULE(this.alias) });
          return this.ACTION((): WindowTvf => ({ ...tvf, alias: alias ?? null, position: tokenStart(table) }));
        },
      },
      { ALT: () => this.SUBRULE(this.lateralTable) },
      { ALT: () => this.SUBRULE(this.unnest) },
      {
        ALT: () => {
          const tvf = this.SUBRULE2(this.windowCall);
          const alias = this.OPTION2({ GATE: () => !this.rowLimitAhead(), DEF: () => this.SUBRULE2(this.alias) });
          return this.ACTION((): WindowTvf => ({ ...tvf, alias: alias ?? null }));
        },
      },
      {
        ALT: () => {
          const subquery = this.SUBRULE(this.subquery);
          const recognized = this.OPTION5({ GATE: () => this.matchRecognizeAhead(), DEF: () => this.SUBRULE(this.matchRecognize, { ARGS: [subquery] }) });
          let columnAliases: Identifier[] | undefined;
          const alias = this.OPTION3({ GATE: () => recognized === undefined && !this.rowLimitAhead(), DEF: () => {
            const name = this.SUBRULE3(this.alias);
            // `(VALUES …) AS t (a, b)`, `(SELECT …) AS t (a, b)`: names for the subquery's columns
            columnAliases = this.OPTION4(() => this.SUBRULE(this.columnAliasList));
            return name;
          } });
          return this.ACTION((): FromItem => recognized ?? { ...subquery, alias: alias ?? null, ...(columnAliases ? { columnAliases } : {}) });
        },
      },
      { ALT: () => this.SUBRULE(this.tableReference) },
    ]);
  });

  /** `name [FOR SYSTEM_TIME AS OF expr] [[AS] alias]`. */
  private tableReference = this.RULE('tableReference', (): FromItem => {
    const name = this.SUBRULE(this.identifier);
    const asOf = this.OPTION(() => {
      this.CONSUME(T.For);
      this.CONSUME(T.SystemTime);
      this.CONSUME(T.As);
      this.CONSUME(T.Of);
      return this.SUBRULE(this.expression);
    });
    const recognized = this.OPTION3({
      GATE: () => asOf === undefined && this.matchRecognizeAhead(),
      DEF: () => this.SUBRULE(this.matchRecognize, { ARGS: [{ kind: 'table-ref', name, alias: null, position: name?.position }] }),
    });
    const alias = this.OPTION2({ GATE: () => recognized === undefined && !this.rowLimitAhead(), DEF: () => this.SUBRULE(this.alias) });
    return this.ACTION((): FromItem => {
      if (recognized !== undefined) return recognized;
      const table: TableRef = { kind: 'table-ref', name, alias: alias ?? null, position: name.position };
      return asOf === undefined ? table : { kind: 'temporal-table', table, asOf, position: name.position };
    });
  });

  /** `LATERAL TABLE(f(x)) [[AS] t [(a, b)]]`. */
  private lateralTable = this.RULE('lateralTable', (): LateralTable => {
    const lateral = this.CONSUME(T.Lateral);
    this.CONSUME(T.Table);
    this.CONSUME(T.LParen);
    const call = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    const { alias, columnAliases } = this.SUBRULE(this.correlationAlias);
    return this.ACTION((): LateralTable => {
      if (call.kind !== 'call') {
        throw new SqlSyntaxError('Expected a table function call in LATERAL TABLE(…)', { position: call.position });
      }
      return { kind: 'lateral-table', call, alias, columnAliases, position: tokenStart(lateral) };
    });
  });

  /** `UNNEST(expr) [WITH ORDINALITY] [[AS] t [(a, b)]]`. */
  private unnest = this.RULE('unnest', (): UnnestRef => {
    const unnest = this.CONSUME(T.Unnest);
    this.CONSUME(T.LParen);
    const argument = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    const ordinality = this.OPTION(() => {
      const withToken = this.CONSUME(T.With);
      this.CONSUME(T.Ordinality);
      return withToken;
    });
    const { alias, columnAliases } = this.SUBRULE(this.correlationAlias);
    return this.ACTION((): UnnestRef => ({
      kind: 'unnest',
      argument,
      withOrdinality: ordinality === undefined ? null : tokenStart(ordinality),
      alias,
      columnAliases,
      position: tokenStart(unnest),
    }));
  });

  /** The optional `[AS] t [(a, b)]` after LATERAL TABLE(…) and UNNEST(…). */
  private correlationAlias = this.RULE('correlationAlias', (): { alias: Identifier | null; columnAliases: Identifier[] } => {
    const columnAliases: Identifier[] = [];
    const alias = this.OPTION({ GATE: () => !this.rowLimitAhead(), DEF: () => {
      const name = this.SUBRULE(this.alias);
      this.OPTION2(() => {
        this.CONSUME(T.LParen);
        this.AT_LEAST_ONE_SEP({
          SEP: T.Comma,
          DEF: () => {
            const column = this.SUBRULE(this.identifier);
            this.ACTION(() => columnAliases.push(column));
          },
        });
        this.CONSUME(T.RParen);
      });
      return name;
    } });
    return { alias: alias ?? null, columnAliases };
  });

  /** `(a, b)` after a subquery's alias. */
  private columnAliasList = this.RULE('columnAliasList', (): Identifier[] => {
    const columns: Identifier[] = [];
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const column = this.SUBRULE(this.identifier);
        this.ACTION(() => columns.push(column));
      },
    });
    this.CONSUME(T.RParen);
    return columns;
  });

  protected subquery = this.RULE('subquery', (): SubqueryRef => {
    const open = this.CONSUME(T.LParen);
    const query = this.SUBRULE(this.query);
    this.CONSUME(T.RParen);
    return this.ACTION((): SubqueryRef => ({ kind: 'subquery', query, alias: null, position: tokenStart(open) }));
  });

  /** `TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE)`, also with named arguments (`SIZE => …`). */
  private windowCall = this.RULE('windowCall', (): WindowTvf => {
    const fn = this.SUBRULE(this.identifier);
    const open = this.CONSUME(T.LParen);
    const args: WrittenTvfArgument[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const arg = this.SUBRULE(this.tvfArgument);
        this.ACTION(() => args.push(arg));
      },
    });
    this.CONSUME(T.RParen);
    return this.ACTION(() => buildWindowTvf(fn, args, tokenStart(open)));
  });

  private tvfArgument = this.RULE('tvfArgument', (): WrittenTvfArgument => {
    const name = this.OPTION(() => {
      const argName = this.SUBRULE(this.identifier);
      this.CONSUME(T.Arrow);
      return argName;
    });
    const value = this.OR([
      { ALT: () => this.SUBRULE(this.tableArgument) },
      { GATE: () => this.parenthesisedQueryAhead(1), IGNORE_AMBIGUITIES: true, ALT: () => this.SUBRULE(this.subquery) },
      { IGNORE_AMBIGUITIES: true, ALT: (): TvfValue => this.SUBRULE(this.expression) },
    ]);
    return this.ACTION((): WrittenTvfArgument => ({ name: name ?? null, value }));
  });

  /** `TABLE t [PARTITION BY a, b]` or `TABLE t PARTITION BY (a, b)`. */
  private tableArgument = this.RULE('tableArgument', (): TvfValue => {
    const table = this.CONSUME(T.Table);
    const name = this.SUBRULE(this.identifier);
    const partitionBy: ColumnRef[] = [];
    const add = (column: ColumnRef): void => {
      this.ACTION(() => partitionBy.push(column));
    };
    this.OPTION(() => {
      this.CONSUME(T.Partition);
      this.CONSUME(T.By);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => add(this.SUBRULE(this.columnRef)) });
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            add(this.SUBRULE2(this.columnRef));
            // `PARTITION BY a, b, DESCRIPTOR(ts)`: a comma continues the key list only before a plain column.
            this.MANY({
              GATE: () =>
                isIdentifierToken(this.LA(2)) && [T.Comma, T.RParen, T.Dot].includes(this.LA(3).tokenType),
              DEF: () => {
                this.CONSUME(T.Comma);
                add(this.SUBRULE3(this.columnRef));
              },
            });
          },
        },
      ]);
    });
    return this.ACTION(
      (): TvfValue => ({
        kind: 'table-argument',
        input: { kind: 'table-ref', name, alias: null, position: tokenStart(table) },
        partitionBy,
      }),
    );
  });

  private columnRef = this.RULE('columnRef', (): ColumnRef => {
    const first = this.SUBRULE(this.identifier);
    const path: Identifier[] = [first];
    this.MANY(() => {
      this.CONSUME(T.Dot);
      const part = this.SUBRULE2(this.identifier);
      this.ACTION(() => path.push(part));
    });
    return this.ACTION((): ColumnRef => ({ kind: 'column', path, position: first.position }));
  });
}

function join(
  left: FromItem,
  right: FromItem,
  joinType: JoinType,
  start: IToken,
  condition: JoinCondition | null,
  implicit: boolean,
): Join {
  return {
    kind: 'join',
    joinType,
    left,
    right,
    condition: condition !== null && 'on' in condition ? condition.on : null,
    using: condition !== null && 'using' in condition ? condition.using : [],
    implicit,
    position: tokenStart(start),
  };
}
