/**
 * Grammar rules for window specifications (`OVER (PARTITION BY a ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR
 * PRECEDING AND CURRENT ROW)`, and the specs of a `WINDOW w AS (…)` clause) and for ORDER BY items.
 */
import type { Expression, FrameBound, OrderItem, WindowFrame, WindowSpec } from './ast.js';
import { ExpressionRules } from './expressions.js';
import { tokenStart } from './lexer.js';
import * as T from './tokens.js';

export abstract class WindowSpecRules extends ExpressionRules {
  public orderItem = this.RULE('orderItem', (): OrderItem => {
    const expr = this.SUBRULE(this.expression);
    const direction = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]));
    // `NULLS FIRST` / `NULLS LAST`: words, not keywords (a column may be called `nulls`).
    const nulls = this.OPTION2({
      GATE: () => this.isWord(this.LA(1), 'NULLS') && (this.isWord(this.LA(2), 'FIRST') || this.isWord(this.LA(2), 'LAST')),
      DEF: () => {
        this.CONSUME(T.Identifier);
        return this.CONSUME2(T.Identifier);
      },
    });
    return this.ACTION((): OrderItem => ({
      expr,
      descending: direction?.tokenType === T.Desc,
      ...(nulls === undefined ? {} : { nullsFirst: nulls.image.toUpperCase() === 'FIRST' }),
      position: expr.position,
    }));
  });

  /** `ORDER BY a DESC, b` (after the ORDER keyword's position is known). */
  protected orderByList = this.RULE('orderByList', (): OrderItem[] => {
    const items: OrderItem[] = [];
    this.CONSUME(T.Order);
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const item = this.SUBRULE(this.orderItem);
        this.ACTION(() => items.push(item));
      },
    });
    return items;
  });

  public override windowSpec = this.RULE('windowSpec', (): WindowSpec => {
    const open = this.CONSUME(T.LParen);
    const partitionBy: Expression[] = [];
    this.OPTION({ MAX_LOOKAHEAD: 1, DEF: () => {
      this.CONSUME(T.Partition);
      this.CONSUME(T.By);
      this.AT_LEAST_ONE_SEP({
        MAX_LOOKAHEAD: 1,
        SEP: T.Comma,
        DEF: () => {
          const key = this.SUBRULE(this.expression);
          this.ACTION(() => partitionBy.push(key));
        },
      });
    } });
    const orderBy = this.OPTION2(() => this.SUBRULE(this.orderByList));
    const frame = this.OPTION3(() => this.SUBRULE(this.windowFrame));
    this.CONSUME(T.RParen);
    return this.ACTION((): WindowSpec => ({
      kind: 'window-spec',
      name: null,
      partitionBy,
      orderBy: orderBy ?? [],
      frame: frame ?? null,
      position: tokenStart(open),
    }));
  });

  /** `ROWS | RANGE BETWEEN bound AND bound`, or `ROWS | RANGE bound` (ending at the current row). */
  private windowFrame = this.RULE('windowFrame', (): WindowFrame => {
    const units = this.OR([{ ALT: () => this.CONSUME(T.Rows) }, { ALT: () => this.CONSUME(T.Range) }]);
    return this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.Between);
          const start = this.SUBRULE(this.frameBound);
          this.CONSUME(T.And);
          const end = this.SUBRULE2(this.frameBound);
          return this.ACTION((): WindowFrame => ({ units: units.tokenType === T.Rows ? 'ROWS' : 'RANGE', start, end, position: tokenStart(units) }));
        },
      },
      {
        ALT: () => {
          const start = this.SUBRULE3(this.frameBound);
          return this.ACTION((): WindowFrame => ({
            units: units.tokenType === T.Rows ? 'ROWS' : 'RANGE',
            start,
            end: { kind: 'current-row', offset: null, position: start.position },
            position: tokenStart(units),
          }));
        },
      },
    ]);
  });

  /** `UNBOUNDED PRECEDING | FOLLOWING`, `CURRENT ROW`, `<offset> PRECEDING | FOLLOWING`. */
  private frameBound = this.RULE('frameBound', (): FrameBound => {
    return this.OR([
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const unbounded = this.CONSUME(T.Unbounded);
          const direction = this.OR2([{ ALT: () => this.CONSUME(T.Preceding) }, { ALT: () => this.CONSUME(T.Following) }]);
          return this.ACTION((): FrameBound => ({
            kind: direction.tokenType === T.Preceding ? 'unbounded-preceding' : 'unbounded-following',
            offset: null,
            position: tokenStart(unbounded),
          }));
        },
      },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const current = this.CONSUME(T.Current);
          this.CONSUME(T.Row);
          return this.ACTION((): FrameBound => ({ kind: 'current-row', offset: null, position: tokenStart(current) }));
        },
      },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const offset = this.SUBRULE(this.additive);
          const direction = this.OR3([{ ALT: () => this.CONSUME2(T.Preceding) }, { ALT: () => this.CONSUME2(T.Following) }]);
          return this.ACTION((): FrameBound => ({
            kind: direction.tokenType === T.Preceding ? 'preceding' : 'following',
            offset,
            position: offset.position,
          }));
        },
      },
    ]);
  });
}
