/**
 * Grammar rules for queries: SELECT … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT, and the FROM items
 * (tables, subqueries and window table-valued functions such as `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …))`).
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import type {
  ColumnRef,
  Expression,
  FromItem,
  Identifier,
  OrderItem,
  Query,
  SelectItem,
  SubqueryRef,
  TableRef,
  WindowTvf,
} from './ast.js';
import { ExpressionRules } from './expressions.js';
import { integerValue } from './names-and-types.js';
import { tokenStart } from './lexer.js';
import * as T from './tokens.js';
import { buildWindowTvf, type TvfValue, type WrittenTvfArgument } from './window-tvf.js';

function isIdentifierToken(token: IToken): boolean {
  return (
    tokenMatcher(token, T.Identifier) || tokenMatcher(token, T.QuotedIdentifier) || tokenMatcher(token, T.NonReservedKeyword)
  );
}

export class QueryRules extends ExpressionRules {
  public query = this.RULE('query', (): Query => {
    const start = this.CONSUME(T.Select);
    const quantifier = this.OPTION(() =>
      this.OR([{ ALT: () => this.CONSUME(T.Distinct) }, { ALT: () => this.CONSUME(T.All) }]),
    );
    const items: SelectItem[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const item = this.SUBRULE(this.selectItem);
        this.ACTION(() => items.push(item));
      },
    });
    const from = this.OPTION2(() => {
      this.CONSUME(T.From);
      return this.SUBRULE(this.fromItem);
    });
    const where = this.OPTION3(() => {
      this.CONSUME(T.Where);
      return this.SUBRULE(this.expression);
    });
    const groupBy: Expression[] = [];
    this.OPTION4(() => {
      this.CONSUME(T.Group);
      this.CONSUME(T.By);
      this.AT_LEAST_ONE_SEP2({
        SEP: T.Comma,
        DEF: () => {
          const key = this.SUBRULE2(this.expression);
          this.ACTION(() => groupBy.push(key));
        },
      });
    });
    const having = this.OPTION5(() => {
      this.CONSUME(T.Having);
      return this.SUBRULE3(this.expression);
    });
    const orderBy: OrderItem[] = [];
    this.OPTION6(() => {
      this.CONSUME(T.Order);
      this.CONSUME2(T.By);
      this.AT_LEAST_ONE_SEP3({
        SEP: T.Comma,
        DEF: () => {
          const item = this.SUBRULE(this.orderItem);
          this.ACTION(() => orderBy.push(item));
        },
      });
    });
    const limit = this.OPTION7(() => {
      this.CONSUME(T.Limit);
      const count = this.CONSUME(T.NumberLiteral);
      return this.ACTION(() => integerValue(count, 'after LIMIT'));
    });
    return this.ACTION(
      (): Query => ({
        kind: 'select',
        distinct: quantifier?.tokenType === T.Distinct,
        items,
        from: from ?? null,
        where: where ?? null,
        groupBy,
        having: having ?? null,
        orderBy,
        limit: limit ?? null,
        position: tokenStart(start),
      }),
    );
  });

  /** `*`, `t.*`, or `expr [[AS] alias]`. */
  private selectItem = this.RULE('selectItem', (): SelectItem => {
    return this.OR([
      {
        ALT: () => {
          const star = this.CONSUME(T.Star);
          return this.ACTION((): SelectItem => {
            const position = tokenStart(star);
            return { kind: 'select-item', expr: { kind: 'star', qualifier: null, position }, alias: null, position };
          });
        },
      },
      {
        ALT: () => {
          const qualifier = this.SUBRULE(this.identifier);
          this.CONSUME(T.Dot);
          this.CONSUME2(T.Star);
          return this.ACTION((): SelectItem => {
            const position = qualifier.position;
            return { kind: 'select-item', expr: { kind: 'star', qualifier, position }, alias: null, position };
          });
        },
      },
      {
        ALT: () => {
          const expr = this.SUBRULE(this.expression);
          const alias = this.OPTION(() => this.SUBRULE(this.alias));
          return this.ACTION((): SelectItem => ({ kind: 'select-item', expr, alias: alias ?? null, position: expr.position }));
        },
      },
    ]);
  });

  private alias = this.RULE('alias', (): Identifier => {
    this.OPTION(() => this.CONSUME(T.As));
    return this.SUBRULE(this.identifier);
  });

  private orderItem = this.RULE('orderItem', (): OrderItem => {
    const expr = this.SUBRULE(this.expression);
    const direction = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]));
    return this.ACTION(
      (): OrderItem => ({ expr, descending: direction?.tokenType === T.Desc, position: expr.position }),
    );
  });

  private fromItem = this.RULE('fromItem', (): FromItem => {
    return this.OR([
      {
        ALT: () => {
          const table = this.CONSUME(T.Table);
          this.CONSUME(T.LParen);
          const tvf = this.SUBRULE(this.windowCall);
          this.CONSUME(T.RParen);
          const alias = this.OPTION(() => this.SUBRULE(this.alias));
          return this.ACTION((): WindowTvf => ({ ...tvf, alias: alias ?? null, position: tokenStart(table) }));
        },
      },
      {
        ALT: () => {
          const tvf = this.SUBRULE2(this.windowCall);
          const alias = this.OPTION2(() => this.SUBRULE2(this.alias));
          return this.ACTION((): WindowTvf => ({ ...tvf, alias: alias ?? null }));
        },
      },
      {
        ALT: () => {
          const subquery = this.SUBRULE(this.subquery);
          const alias = this.OPTION3(() => this.SUBRULE3(this.alias));
          return this.ACTION((): SubqueryRef => ({ ...subquery, alias: alias ?? null }));
        },
      },
      {
        ALT: () => {
          const name = this.SUBRULE(this.identifier);
          const alias = this.OPTION4(() => this.SUBRULE4(this.alias));
          return this.ACTION((): TableRef => ({ kind: 'table-ref', name, alias: alias ?? null, position: name.position }));
        },
      },
    ]);
  });

  private subquery = this.RULE('subquery', (): SubqueryRef => {
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
      { ALT: () => this.SUBRULE(this.subquery) },
      { ALT: (): TvfValue => this.SUBRULE(this.expression) },
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
