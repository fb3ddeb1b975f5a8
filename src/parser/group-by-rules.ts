/**
 * Grammar rules for the GROUP BY clause: keys, and GROUPING SETS / ROLLUP / CUBE / `()` expanded into grouping-set
 * lists as `ast.ts` describes on `Query` (the query rules combine them).
 */
import { EOF } from 'chevrotain';
import type { SourcePosition } from '../common/errors.js';
import type { Expression } from './ast.js';
import { FromRules } from './from-items.js';
import { cube, rollup, type GroupingSetList } from './grouping-sets.js';
import { tokenStart } from './lexer.js';
import * as T from './tokens.js';

/** One element of a GROUP BY list: a plain key, or a construct that stands for several grouping sets. */
type GroupingElement =
  | { readonly kind: 'key'; readonly expr: Expression }
  | { readonly kind: 'sets'; readonly sets: GroupingSetList; readonly position: SourcePosition };

export interface GroupBy {
  readonly keys: Expression[];
  readonly sets: GroupingSetList[];
  readonly position: SourcePosition | null;
}

export abstract class GroupByRules extends FromRules {
  protected groupByClause = this.RULE('groupByClause', (): GroupBy => {
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
}
