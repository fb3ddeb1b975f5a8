/**
 * Grammar rules for queries: `[WITH …] SELECT … FROM … WHERE … GROUP BY … HAVING … WINDOW … [UNION | INTERSECT |
 * EXCEPT …] ORDER BY … LIMIT`, with GROUPING SETS / ROLLUP / CUBE expanded as `ast.ts` describes on `Query`.
 */
import { EOF, type IToken } from 'chevrotain';
import { NotImplementedError, SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type {
  CommonTableExpression, Expression, FromItem, Identifier, NamedWindow, OrderItem, Query, SelectItem, SetOperator,
} from './ast.js';
import { FromRules } from './from-items.js';
import { crossProduct, cube, rollup, type GroupingSetList } from './grouping-sets.js';
import { tokenStart } from './lexer.js';
import { integerValue } from './names-and-types.js';
import * as T from './tokens.js';

/** One element of a GROUP BY list: a plain key, or a construct that stands for several grouping sets. */
type GroupingElement =
  | { readonly kind: 'key'; readonly expr: Expression }
  | { readonly kind: 'sets'; readonly sets: GroupingSetList; readonly position: SourcePosition };

interface GroupBy {
  readonly keys: Expression[];
  readonly sets: GroupingSetList[];
  readonly position: SourcePosition | null;
}

export class QueryRules extends FromRules {
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

  private groupByClause = this.RULE('groupByClause', (): GroupBy => {
    this.CONSUME(T.Group);
    this.CONSUME(T.By);
    const elements: GroupingElement[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const element = this.SUBRULE(this.groupingElement);
        this.ACTION(() => elements.push(element));
      },
    });
    return this.ACTION((): GroupBy => {
      const keys: Expression[] = [];
      const sets: GroupingSetList[] = [];
      let position: SourcePosition | null = null;
      for (const element of elements) {
        if (element.kind === 'key') keys.push(element.expr);
        else {
          sets.push(element.sets);
          position ??= element.position;
        }
      }
      return { keys, sets, position };
    });
  });

  /** A GROUP BY element: GROUPING SETS (…), ROLLUP (…), CUBE (…), `()`, or an expression. */
  // Alternations whose last choice is a whole expression get a small MAX_LOOKAHEAD: chevrotain computes every k-token
  // path into `expression` at start-up, which at the default k took seconds; the first tokens decide here.
  private groupingElement = this.RULE('groupingElement', (): GroupingElement => {
    return this.OR({ MAX_LOOKAHEAD: 2, DEF: [
      { IGNORE_AMBIGUITIES: true, ALT: () => this.SUBRULE(this.groupingConstruct) },
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          this.CONSUME(T.RParen);
          return this.ACTION((): GroupingElement => ({ kind: 'sets', sets: [[]], position: tokenStart(open) }));
        },
      },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const expr = this.SUBRULE(this.expression);
          return this.ACTION((): GroupingElement => ({ kind: 'key', expr }));
        },
      },
    ] });
  });

  private groupingConstruct = this.RULE('groupingConstruct', (): GroupingElement => {
    return this.OR([
      {
        ALT: () => {
          const grouping = this.CONSUME(T.Grouping);
          this.CONSUME(T.Sets);
          this.CONSUME(T.LParen);
          const sets: Expression[][] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const element = this.SUBRULE(this.groupingSetElement);
              this.ACTION(() => sets.push(...element.map((set) => [...set])));
            },
          });
          this.CONSUME(T.RParen);
          return this.ACTION((): GroupingElement => ({ kind: 'sets', sets, position: tokenStart(grouping) }));
        },
      },
      {
        ALT: () => {
          const keyword = this.OR2([{ ALT: () => this.CONSUME(T.Rollup) }, { ALT: () => this.CONSUME(T.Cube) }]);
          this.CONSUME2(T.LParen);
          const groups: (readonly Expression[])[] = [];
          this.AT_LEAST_ONE_SEP2({
            SEP: T.Comma,
            DEF: () => {
              const group = this.SUBRULE(this.groupingGroup);
              this.ACTION(() => groups.push(group));
            },
          });
          this.CONSUME2(T.RParen);
          return this.ACTION((): GroupingElement => ({
            kind: 'sets',
            sets: keyword.tokenType === T.Rollup ? rollup(groups) : cube(groups),
            position: tokenStart(keyword),
          }));
        },
      },
    ]);
  });

  /** Inside GROUPING SETS (…): a nested construct, a parenthesised set, or one expression. */
  private groupingSetElement = this.RULE('groupingSetElement', (): GroupingSetList => {
    return this.OR({ MAX_LOOKAHEAD: 2, DEF: [
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const nested = this.SUBRULE(this.groupingConstruct);
          return this.ACTION(() => (nested.kind === 'sets' ? nested.sets : [[nested.expr]]));
        },
      },
      { IGNORE_AMBIGUITIES: true, ALT: () => [this.SUBRULE(this.groupingGroup)] },
    ] });
  });

  /** `(a, b)`, `()` or `a`: the expressions that are grouped together. */
  private groupingGroup = this.RULE('groupingGroup', (): readonly Expression[] => {
    return this.OR({ MAX_LOOKAHEAD: 1, DEF: [
      {
        // `(a, b)` is a group only when its closing parenthesis ends the element: `(a + b) * 2` is an expression.
        GATE: () => this.parenthesizedElementAhead(),
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          this.CONSUME(T.LParen);
          const group: Expression[] = [];
          this.MANY_SEP({
            SEP: T.Comma,
            DEF: () => {
              const expr = this.SUBRULE(this.expression);
              this.ACTION(() => group.push(expr));
            },
          });
          this.CONSUME(T.RParen);
          return group;
        },
      },
      { IGNORE_AMBIGUITIES: true, ALT: () => [this.SUBRULE2(this.expression)] },
    ] });
  });

  /** Whether a parenthesis opens here whose matching `)` is followed by `,` or `)` (the end of a grouping element). */
  private parenthesizedElementAhead(): boolean {
    if (this.LA(1).tokenType !== T.LParen) return false;
    let depth = 0;
    for (let i = 1; ; i++) {
      const type = this.LA(i).tokenType;
      if (type === EOF) return false;
      if (type === T.LParen) depth++;
      else if (type === T.RParen && --depth === 0) {
        const after = this.LA(i + 1).tokenType;
        return after === T.Comma || after === T.RParen;
      }
    }
  }

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
