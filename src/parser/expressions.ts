/**
 * Grammar rules for expressions (`queries.ts` extends them). Precedence, loosest first: OR, AND, NOT,
 * comparison / IS [NOT] NULL, + - ||, * / %, unary - +. AST nodes are built in `ACTION`s so that nothing runs
 * on the placeholder values of chevrotain's recording phase.
 */
import type { IToken, TokenType } from 'chevrotain';
import { SqlSyntaxError } from '../common/errors.js';
import type {
  BinaryOp,
  CaseExpr,
  Expression,
  FunctionCall,
  Identifier,
  IntervalLiteral,
  IntervalUnit,
  Literal,
} from './ast.js';
import { stringContent, tokenStart } from './lexer.js';
import { NameAndTypeRules } from './names-and-types.js';
import * as T from './tokens.js';

const INTERVAL_UNITS: Readonly<Record<string, IntervalUnit>> = {
  SECOND: 'SECOND', SECONDS: 'SECOND', MINUTE: 'MINUTE', MINUTES: 'MINUTE',
  HOUR: 'HOUR', HOURS: 'HOUR', DAY: 'DAY', DAYS: 'DAY',
};

const BINARY_OPS = new Map<TokenType, BinaryOp>([
  [T.Equals, '='], [T.NotEquals, '<>'], [T.BangEquals, '<>'], [T.Less, '<'], [T.LessOrEqual, '<='],
  [T.Greater, '>'], [T.GreaterOrEqual, '>='], [T.Plus, '+'], [T.Minus, '-'], [T.Concat, '||'],
  [T.Star, '*'], [T.Slash, '/'], [T.Percent, '%'],
]);

function binaryOp(token: IToken): BinaryOp {
  const op = BINARY_OPS.get(token.tokenType);
  if (op === undefined) throw new SqlSyntaxError(`Unexpected '${token.image}'`, { position: tokenStart(token) });
  return op;
}

function binary(op: BinaryOp, left: Expression, right: Expression): Expression {
  return { kind: 'binary', op, left, right, position: left.position };
}

function intervalUnit(token: IToken): IntervalUnit {
  const unit = INTERVAL_UNITS[token.image.toUpperCase()];
  if (unit === undefined) {
    throw new SqlSyntaxError(`Unexpected '${token.image}'; expected SECOND, MINUTE, HOUR or DAY`, {
      position: tokenStart(token),
    });
  }
  return unit;
}

export class ExpressionRules extends NameAndTypeRules {
  private consumeLiteral(type: TokenType, literalType: Literal['type']): Literal {
    const token = this.CONSUME(type);
    return this.ACTION(() => literal(token, literalType));
  }

  public expression = this.RULE('expression', (): Expression => this.SUBRULE(this.orExpression));

  private orExpression = this.RULE('orExpression', (): Expression => {
    let result = this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.andExpression);
      result = this.ACTION(() => binary('OR', result, right));
    });
    return result;
  });

  private andExpression = this.RULE('andExpression', (): Expression => {
    let result = this.SUBRULE(this.notExpression);
    this.MANY(() => {
      this.CONSUME(T.And);
      const right = this.SUBRULE2(this.notExpression);
      result = this.ACTION(() => binary('AND', result, right));
    });
    return result;
  });

  private notExpression = this.RULE('notExpression', (): Expression => {
    return this.OR([
      {
        ALT: () => {
          const not = this.CONSUME(T.Not);
          const operand = this.SUBRULE(this.notExpression);
          return this.ACTION((): Expression => ({ kind: 'unary', op: 'NOT', operand, position: tokenStart(not) }));
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  private comparison = this.RULE('comparison', (): Expression => {
    let result = this.SUBRULE(this.additive);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const op = this.OR2([
              { ALT: () => this.CONSUME(T.Equals) },
              { ALT: () => this.CONSUME(T.NotEquals) },
              { ALT: () => this.CONSUME(T.BangEquals) },
              { ALT: () => this.CONSUME(T.LessOrEqual) },
              { ALT: () => this.CONSUME(T.GreaterOrEqual) },
              { ALT: () => this.CONSUME(T.Less) },
              { ALT: () => this.CONSUME(T.Greater) },
            ]);
            const right = this.SUBRULE2(this.additive);
            result = this.ACTION(() => binary(binaryOp(op), result, right));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Is);
            const negated = this.OPTION(() => this.CONSUME(T.Not)) !== undefined;
            this.CONSUME(T.Null);
            result = this.ACTION((): Expression => ({ kind: 'is-null', operand: result, negated, position: result.position }));
          },
        },
      ]);
    });
    return result;
  });

  private additive = this.RULE('additive', (): Expression => {
    let result = this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Plus) },
        { ALT: () => this.CONSUME(T.Minus) },
        { ALT: () => this.CONSUME(T.Concat) },
      ]);
      const right = this.SUBRULE2(this.multiplicative);
      result = this.ACTION(() => binary(binaryOp(op), result, right));
    });
    return result;
  });

  private multiplicative = this.RULE('multiplicative', (): Expression => {
    let result = this.SUBRULE(this.unary);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      const right = this.SUBRULE2(this.unary);
      result = this.ACTION(() => binary(binaryOp(op), result, right));
    });
    return result;
  });

  private unary = this.RULE('unary', (): Expression => {
    return this.OR([
      {
        ALT: () => {
          const sign = this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION((): Expression => ({
            kind: 'unary',
            op: sign.tokenType === T.Minus ? '-' : '+',
            operand,
            position: tokenStart(sign),
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  private primary = this.RULE('primary', (): Expression => {
    return this.OR([
      { ALT: () => this.consumeLiteral(T.NumberLiteral, 'number') },
      { ALT: () => this.consumeLiteral(T.StringLiteral, 'string') },
      { ALT: () => this.consumeLiteral(T.True, 'boolean') },
      { ALT: () => this.consumeLiteral(T.False, 'boolean') },
      { ALT: () => this.consumeLiteral(T.Null, 'null') },
      { ALT: () => this.SUBRULE(this.intervalLiteral) },
      { ALT: () => this.SUBRULE(this.timestampLiteral) },
      { ALT: () => this.SUBRULE(this.castExpression) },
      { ALT: () => this.SUBRULE(this.caseExpression) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
          return inner;
        },
      },
      { ALT: () => this.SUBRULE(this.columnOrCall) },
    ]);
  });

  /** `INTERVAL '10' MINUTE`, `INTERVAL -'1' HOUR`, `INTERVAL '1:30' MINUTE TO SECOND`. */
  private intervalLiteral = this.RULE('intervalLiteral', (): IntervalLiteral => {
    const start = this.CONSUME(T.Interval);
    const sign = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]));
    const text = this.CONSUME(T.StringLiteral);
    const unit = this.CONSUME(T.Identifier);
    const toUnit = this.OPTION2(() => {
      this.CONSUME(T.To);
      return this.CONSUME2(T.Identifier);
    });
    return this.ACTION((): IntervalLiteral => {
      const base = {
        kind: 'interval' as const,
        text: stringContent(text.image),
        sign: sign !== undefined && sign.tokenType === T.Minus ? (-1 as const) : (1 as const),
        unit: intervalUnit(unit),
        position: tokenStart(start),
      };
      return toUnit === undefined ? base : { ...base, toUnit: intervalUnit(toUnit) };
    });
  });

  /** `TIMESTAMP '2020-04-15 08:05:00'` is CAST('2020-04-15 08:05:00' AS TIMESTAMP(3)). */
  private timestampLiteral = this.RULE('timestampLiteral', (): Expression => {
    const keyword = this.CONSUME(T.Timestamp);
    const text = this.CONSUME(T.StringLiteral);
    return this.ACTION((): Expression => ({
      kind: 'cast',
      operand: literal(text, 'string'),
      type: { kind: 'type', name: 'TIMESTAMP', params: [3], notNull: false, position: tokenStart(keyword) },
      position: tokenStart(keyword),
    }));
  });

  private castExpression = this.RULE('castExpression', (): Expression => {
    const start = this.CONSUME(T.Cast);
    this.CONSUME(T.LParen);
    const operand = this.SUBRULE(this.expression);
    this.CONSUME(T.As);
    const type = this.SUBRULE(this.typeName);
    this.CONSUME(T.RParen);
    return this.ACTION((): Expression => ({ kind: 'cast', operand, type, position: tokenStart(start) }));
  });

  private caseExpression = this.RULE('caseExpression', (): Expression => {
    const start = this.CONSUME(T.Case);
    const operand = this.OPTION(() => this.SUBRULE(this.expression));
    const whens: { when: Expression; then: Expression }[] = [];
    this.AT_LEAST_ONE(() => {
      this.CONSUME(T.When);
      const when = this.SUBRULE2(this.expression);
      this.CONSUME(T.Then);
      const then = this.SUBRULE3(this.expression);
      this.ACTION(() => whens.push({ when, then }));
    });
    const otherwise = this.OPTION2(() => {
      this.CONSUME(T.Else);
      return this.SUBRULE4(this.expression);
    });
    this.CONSUME(T.End);
    return this.ACTION((): CaseExpr => ({
      kind: 'case',
      operand: operand ?? null,
      whens,
      else: otherwise ?? null,
      position: tokenStart(start),
    }));
  });

  /** `a`, `t.a`, `f(x, y)`, `COUNT(*)`, `COUNT(DISTINCT x)`, `DESCRIPTOR(ts)`. */
  private columnOrCall = this.RULE('columnOrCall', (): Expression => {
    const first = this.SUBRULE(this.identifier);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          let distinct = false;
          let star = false;
          const args: Expression[] = [];
          this.OPTION(() => {
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(T.Star);
                  star = true;
                },
              },
              {
                ALT: () => {
                  this.OPTION2(() => {
                    this.CONSUME(T.Distinct);
                    distinct = true;
                  });
                  this.AT_LEAST_ONE_SEP({
                    SEP: T.Comma,
                    DEF: () => {
                      const arg = this.SUBRULE(this.expression);
                      this.ACTION(() => args.push(arg));
                    },
                  });
                },
              },
            ]);
          });
          this.CONSUME(T.RParen);
          return this.ACTION((): FunctionCall => ({ kind: 'call', name: first, args, distinct, star, position: first.position }));
        },
      },
      {
        ALT: () => {
          const path: Identifier[] = [first];
          this.MANY(() => {
            this.CONSUME(T.Dot);
            const part = this.SUBRULE2(this.identifier);
            this.ACTION(() => path.push(part));
          });
          return this.ACTION((): Expression => ({ kind: 'column', path, position: first.position }));
        },
      },
    ]);
  });
}

function literal(token: IToken, type: Literal['type']): Literal {
  const text = type === 'string' ? stringContent(token.image) : type === 'number' ? token.image : token.image.toUpperCase();
  return { kind: 'literal', type, text, position: tokenStart(token) };
}
