/**
 * Grammar rules for queries: `[WITH …] SELECT … FROM … WHERE … GROUP BY … HAVING … WINDOW … [UNION | INTERSECT |
 * EXCEPT …] ORDER BY … LIMIT | OFFSET … FETCH …` (the GROUP BY clause is in group-by-rules.ts).
 */
import type { IToken } from 'chevrotain';
import { NotImplementedError, SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type {
  CommonTableExpression, Expression, FromItem, Identifier, NamedWindow, OrderItem, Query, SelectItem, SetOperator,
} from './ast.js';
import { GroupByRules } from './group-by-rules.js';
import { crossProduct } from './grouping-sets.js';
import { tokenStart } from './lexer.js';
import { integerValue } from './names-and-types.js';
import * as T from './tokens.js';

export class QueryRules extends GroupByRules {
  public override query = this.RULE('query', (): Query => {
    const start = this.LA(1);
    const ctes = this.OPTION(() => this.SUBRULE(this.withClause));
    const body = this.SUBRULE(this.queryBody);
    const orderBy = this.OPTION2(() => this.SUBRULE(this.orderByList));
    const limit = this.OPTION3(() => {
      this.CONSUME(T.Limit);
      return this.CONSUME(T.NumberLiteral);
    });
    // `OFFSET m [ROW | ROWS]` and `FETCH { FIRST | NEXT } [n] { ROW | ROWS } ONLY`, as in Calcite (and Flink).
    const offset = this.OPTION4(() => {
      const keyword = this.CONSUME(T.Offset);
      const count = this.CONSUME2(T.NumberLiteral);
      this.OPTION5(() => this.OR([{ ALT: () => this.CONSUME(T.Row) }, { ALT: () => this.CONSUME(T.Rows) }]));
      return { keyword, count };
    });
    const fetch = this.OPTION6({
      GATE: () => this.fetchAhead(),
      DEF: () => {
        const keyword = this.CONSUME(T.Fetch);
        this.CONSUME(T.Identifier); // FIRST or NEXT (fetchAhead checked)
        const count = this.OPTION7(() => this.CONSUME3(T.NumberLiteral));
        this.OR2([{ ALT: () => this.CONSUME2(T.Row) }, { ALT: () => this.CONSUME2(T.Rows) }]);
        const only = this.CONSUME2(T.Identifier);
        return { keyword, count, only };
      },
    });
    return this.ACTION((): Query => {
      let query = body;
      if (orderBy !== undefined) {
        if (query.orderBy.length > 0) throw twice('ORDER BY', orderBy[0]?.position ?? query.position);
        query = { ...query, orderBy };
      }
      const rowLimit = this.ACTION(() => rowLimitOf(limit, offset, fetch));
      if (rowLimit !== undefined) {
        if (query.limit !== null) throw twice(limit ? 'LIMIT' : 'FETCH', rowLimit.position);
        query = { ...query, limit: rowLimit.count, ...(rowLimit.offset === undefined ? {} : { offset: rowLimit.offset }) };
      }
      if (ctes !== undefined) {
        if (query.with !== undefined) throw twice('WITH', tokenStart(start));
        query = { ...query, with: ctes, position: tokenStart(start) };
      }
      return query;
    });
  });

  private withClause = this.RULE('withClause', (): CommonTableExpression[] => {
    this.CONSUME(T.With);
    const ctes: CommonTableExpression[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.SUBRULE(this.identifier);
        const columns: Identifier[] = [];
        this.OPTION(() => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP2({
            SEP: T.Comma,
            DEF: () => {
              const column = this.SUBRULE2(this.identifier);
              this.ACTION(() => columns.push(column));
            },
          });
          this.CONSUME(T.RParen);
        });
        this.CONSUME(T.As);
        this.CONSUME2(T.LParen);
        const query = this.SUBRULE(this.query);
        this.CONSUME2(T.RParen);
        this.ACTION(() => ctes.push({ kind: 'cte', name, columns, query, position: name.position }));
      },
    });
    return ctes;
  });

  /** UNION and EXCEPT chains (left-deep) of INTERSECT chains. */
  private queryBody = this.RULE('queryBody', (): Query => {
    let result = this.SUBRULE(this.queryTerm);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Union) }, { ALT: () => this.CONSUME(T.Except) }]);
      const all = this.SUBRULE(this.setQuantifier);
      const right = this.SUBRULE2(this.queryTerm);
      result = this.ACTION(() => compound(result, op, all, right));
    });
    return result;
  });

  private queryTerm = this.RULE('queryTerm', (): Query => {
    let result = this.SUBRULE(this.queryPrimary);
    this.MANY(() => {
      const op = this.CONSUME(T.Intersect);
      const all = this.SUBRULE(this.setQuantifier);
      const right = this.SUBRULE2(this.queryPrimary);
      result = this.ACTION(() => compound(result, op, all, right));
    });
    return result;
  });

  private setQuantifier = this.RULE('setQuantifier', (): boolean => {
    const quantifier = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.All) }, { ALT: () => this.CONSUME(T.Distinct) }]));
    return quantifier?.tokenType === T.All;
  });

  private queryPrimary = this.RULE('queryPrimary', (): Query => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.selectCore) },
      { ALT: () => this.SUBRULE(this.valuesQuery) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.query);
          this.CONSUME(T.RParen);
          return inner;
        },
      },
    ]);
  });

  /** `VALUES (1, 'a'), (2, 'b')`: `SELECT * FROM` a constant table. */
  private valuesQuery = this.RULE('valuesQuery', (): Query => {
    const start = this.CONSUME(T.Values);
    const rows: Expression[][] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        this.CONSUME(T.LParen);
        const row: Expression[] = [];
        this.AT_LEAST_ONE_SEP2({
          SEP: T.Comma,
          DEF: () => {
            const value = this.SUBRULE(this.expression);
            this.ACTION(() => row.push(value));
          },
        });
        this.CONSUME(T.RParen);
        this.ACTION(() => rows.push(row));
      },
    });
    return this.ACTION((): Query => {
      const position = tokenStart(start);
      return {
        kind: 'select',
        distinct: false,
        items: [{ kind: 'select-item', expr: { kind: 'star', qualifier: null, position }, alias: null, position }],
        from: { kind: 'values', rows, position },
        where: null,
        groupBy: [],
        having: null,
        orderBy: [],
        limit: null,
        position,
      };
    });
  });

  private selectCore = this.RULE('selectCore', (): Query => {
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
      return this.SUBRULE(this.fromClause);
    });
    const where = this.OPTION3(() => {
      this.CONSUME(T.Where);
      return this.SUBRULE(this.expression);
    });
    const groupBy = this.OPTION4(() => this.SUBRULE(this.groupByClause));
    const having = this.OPTION5(() => {
      this.CONSUME(T.Having);
      return this.SUBRULE2(this.expression);
    });
    const windows = this.OPTION6(() => this.SUBRULE(this.windowClause));
    return this.ACTION((): Query => {
      const query: Query = {
        kind: 'select',
        distinct: quantifier?.tokenType === T.Distinct,
        items,
        from: from ?? null,
        where: where ?? null,
        groupBy: groupBy?.keys ?? [],
        having: having ?? null,
        orderBy: [],
        limit: null,
        position: tokenStart(start),
      };
      const withGrouping: Query =
        groupBy === undefined || groupBy.position === null
          ? query
          : { ...query, groupingSets: crossProduct(groupBy.sets), groupingSetsPosition: groupBy.position };
      return windows === undefined ? withGrouping : { ...withGrouping, windows };
    });
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

  /** `WINDOW w AS (…), w2 AS (…)`. */
  private windowClause = this.RULE('windowClause', (): NamedWindow[] => {
    this.CONSUME(T.WindowKeyword);
    const windows: NamedWindow[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.SUBRULE(this.identifier);
        this.CONSUME(T.As);
        const spec = this.SUBRULE(this.windowSpec);
        this.ACTION(() => windows.push({ name, spec, position: name.position }));
      },
    });
    return windows;
  });
}

type Fetch = { readonly keyword: IToken; readonly count: IToken | undefined; readonly only: IToken };

/** `LIMIT n`, `OFFSET m` and `FETCH FIRST n ROWS ONLY` as one row limit (n rows after the first m). */
function rowLimitOf(
  limit: IToken | undefined,
  offset: { readonly keyword: IToken; readonly count: IToken } | undefined,
  fetch: Fetch | undefined,
): { count: number; offset?: number; position: SourcePosition } | undefined {
  if (limit && fetch) throw new SqlSyntaxError('A query takes LIMIT or FETCH, not both', { position: tokenStart(fetch.keyword) });
  if (fetch && fetch.only.image.toUpperCase() !== 'ONLY') {
    throw new SqlSyntaxError(`Unexpected '${fetch.only.image}'; expected ONLY`, { position: tokenStart(fetch.only) });
  }
  const skip = offset === undefined ? undefined : integerValue(offset.count, 'after OFFSET');
  if (limit === undefined && fetch === undefined) {
    if (offset === undefined) return undefined;
    throw new NotImplementedError('OFFSET without LIMIT or FETCH is not supported yet', {
      position: tokenStart(offset.keyword),
      hint: 'add LIMIT n (or FETCH NEXT n ROWS ONLY) after the OFFSET',
    });
  }
  const count = limit ? integerValue(limit, 'after LIMIT') : fetch!.count ? integerValue(fetch!.count, 'after FETCH FIRST') : 1;
  return { count, ...(skip === undefined ? {} : { offset: skip }), position: tokenStart(limit ?? fetch!.keyword) };
}

function twice(clause: string, position: SourcePosition): SqlSyntaxError {
  return new SqlSyntaxError(`A query can have only one ${clause}`, {
    position,
    hint: 'wrap the parenthesised query in SELECT * FROM (…)',
  });
}

/** `left op right` as a compound Query (see `Query.setOperation`). */
function compound(left: Query, opToken: IToken, all: boolean, right: Query): Query {
  let leftmost = left;
  while (leftmost.setOperation !== undefined) leftmost = leftmost.setOperation.left;
  const op = opToken.image.toUpperCase() as SetOperator;
  const from: FromItem | null = leftmost.from;
  return {
    kind: 'select',
    distinct: leftmost.distinct,
    items: leftmost.items,
    from,
    where: leftmost.where,
    groupBy: leftmost.groupBy,
    having: leftmost.having,
    orderBy: [] as OrderItem[],
    limit: null,
    setOperation: { kind: 'set-operation', op, all, left, right, position: tokenStart(opToken) },
    position: left.position,
  };
}
