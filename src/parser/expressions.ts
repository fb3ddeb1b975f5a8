/**
 * Grammar rules for expressions (on top of the primaries in `primaries.ts`). Precedence, loosest first: OR, AND,
 * NOT, comparison and the predicates (IS …, [NOT] BETWEEN / IN / LIKE / SIMILAR TO), + - ||, * / %, unary - +,
 * postfix `[index]` and `.field`. AST nodes are built in `ACTION`s so that nothing runs on the placeholder values
 * of chevrotain's recording phase.
 */
import type { IToken, TokenType } from 'chevrotain';
import { SqlSyntaxError } from '../common/errors.js';
import type { BinaryOp, Expression, Query } from './ast.js';
import { tokenStart } from './lexer.js';
import { PrimaryRules } from './primaries.js';
import * as T from './tokens.js';

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

/** What follows `IN`: a parenthesised list or a subquery. */
type InTarget = { readonly list: readonly Expression[] } | { readonly query: Query };

export abstract class ExpressionRules extends PrimaryRules {
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
    // `POSITION('a' IN s)`: an IN not followed by `(` belongs to the enclosing call.
    this.MANY({
      GATE: () => this.LA(1).tokenType !== T.In || this.LA(2).tokenType === T.LParen,
      DEF: () => {
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
          { ALT: () => (result = this.SUBRULE(this.isPredicate, { ARGS: [result] })) },
          { ALT: () => (result = this.SUBRULE(this.rangePredicate, { ARGS: [result] })) },
        ]);
      },
    });
    return result;
  });

  /** `IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x`. */
  private isPredicate = this.RULE('isPredicate', (operand: Expression): Expression => {
    this.CONSUME(T.Is);
    const negated = this.OPTION(() => this.CONSUME(T.Not)) !== undefined;
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Null);
          return this.ACTION((): Expression => ({ kind: 'is-null', operand, negated, position: operand.position }));
        },
      },
      {
        ALT: () => {
          const value = this.OR2([
            { ALT: () => this.CONSUME(T.True) },
            { ALT: () => this.CONSUME(T.False) },
            { ALT: () => this.CONSUME(T.Unknown) },
          ]);
          return this.ACTION((): Expression => ({
            kind: 'is-truth',
            operand,
            value: value.tokenType === T.True ? 'TRUE' : value.tokenType === T.False ? 'FALSE' : 'UNKNOWN',
            negated,
            position: operand.position,
          }));
        },
      },
      {
        // `IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT]` becomes a call of "IS JSON"(operand, kind) (under NOT).
        GATE: () => this.LA(1).tokenType === T.Identifier && this.LA(1).image.toUpperCase() === 'JSON',
        ALT: () => {
          const json = this.CONSUME(T.Identifier);
          const kind = this.OPTION2({
            GATE: () => this.LA(1).tokenType === T.ArrayKeyword || (this.LA(1).tokenType === T.Identifier && ['VALUE', 'SCALAR', 'OBJECT'].includes(this.LA(1).image.toUpperCase())),
            DEF: () => this.OR3([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME(T.ArrayKeyword) }]),
          });
          return this.ACTION((): Expression => {
            const position = tokenStart(json);
            const test: Expression = {
              kind: 'call',
              name: { kind: 'identifier', name: 'IS JSON', quoted: true, position },
              args: [operand, { kind: 'symbol', name: kind === undefined ? 'VALUE' : kind.image.toUpperCase(), position: kind === undefined ? position : tokenStart(kind) }],
              distinct: false,
              star: false,
              position: operand.position,
            };
            return negated ? { kind: 'unary', op: 'NOT', operand: test, position: operand.position } : test;
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Distinct);
          this.CONSUME(T.From);
          const right = this.SUBRULE(this.additive);
          return this.ACTION((): Expression => ({ kind: 'is-distinct-from', left: operand, right, negated, position: operand.position }));
        },
      },
    ]);
  });

  /** `[NOT] BETWEEN [SYMMETRIC] a AND b`, `[NOT] IN (…)`, `[NOT] LIKE p [ESCAPE e]`, `[NOT] SIMILAR TO p`. */
  private rangePredicate = this.RULE('rangePredicate', (operand: Expression): Expression => {
    const negated = this.OPTION(() => this.CONSUME(T.Not)) !== undefined;
    const position = this.ACTION(() => operand.position);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Between);
          const modifier = this.OPTION2(() =>
            this.OR2([{ ALT: () => this.CONSUME(T.Symmetric) }, { ALT: () => this.CONSUME(T.Asymmetric) }]),
          );
          const low = this.SUBRULE(this.additive);
          this.CONSUME(T.And);
          const high = this.SUBRULE2(this.additive);
          return this.ACTION((): Expression => ({
            kind: 'between', operand, low, high, negated, symmetric: modifier?.tokenType === T.Symmetric, position,
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.In);
          const target = this.SUBRULE(this.inTarget);
          return this.ACTION((): Expression =>
            'query' in target
              ? { kind: 'in-subquery', operand, query: target.query, negated, position }
              : { kind: 'in-list', operand, list: target.list, negated, position },
          );
        },
      },
      {
        ALT: () => {
          const operator = this.OR3([
            { ALT: () => this.CONSUME(T.Like) },
            {
              ALT: () => {
                const similar = this.CONSUME(T.Similar);
                this.CONSUME(T.To);
                return similar;
              },
            },
          ]);
          const pattern = this.SUBRULE3(this.additive);
          const escape = this.OPTION3(() => {
            this.CONSUME(T.Escape);
            return this.SUBRULE4(this.additive);
          });
          return this.ACTION((): Expression => ({
            kind: 'like',
            operator: operator.tokenType === T.Like ? 'LIKE' : 'SIMILAR TO',
            operand,
            pattern,
            escape: escape ?? null,
            negated,
            position,
          }));
        },
      },
    ]);
  });

  private inTarget = this.RULE('inTarget', (): InTarget => {
    return this.OR([
      {
        GATE: () => this.parenthesisedQueryAhead(1),
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          this.CONSUME(T.LParen);
          const query = this.SUBRULE(this.query);
          this.CONSUME(T.RParen);
          return { query };
        },
      },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          this.CONSUME2(T.LParen);
          const list: Expression[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const item = this.SUBRULE(this.expression);
              this.ACTION(() => list.push(item));
            },
          });
          this.CONSUME2(T.RParen);
          return { list };
        },
      },
    ]);
  });

  protected additive = this.RULE('additive', (): Expression => {
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
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  /** `arr[1]`, `m['k']`, `(r).f`, `f(x).g`. */
  private postfix = this.RULE('postfix', (): Expression => {
    let result = this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            const index = this.SUBRULE(this.expression);
            this.CONSUME(T.RBracket);
            result = this.ACTION((): Expression => ({ kind: 'element-access', operand: result, index, position: result.position }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            const field = this.SUBRULE(this.identifier);
            result = this.ACTION((): Expression => ({ kind: 'field-access', operand: result, field, position: result.position }));
          },
        },
      ]);
    });
    return result;
  });
}
