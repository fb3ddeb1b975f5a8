/**
 * Grammar rules for primary expressions: literals (numbers, strings, booleans, NULL, `x'0AFF'`, intervals,
 * `TIMESTAMP '…'` / `DATE '…'` / `TIME '…'`), CAST / TRY_CAST, CASE, EXISTS (subquery), ARRAY[…] / MAP[…],
 * parenthesised expressions, column references and function calls with their special forms, `FILTER (WHERE …)`
 * and `OVER` windows. `expressions.ts` builds the operator levels on top; the rules it and later files define are
 * declared abstract here.
 */
import { tokenMatcher, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import { NotImplementedError, SqlSyntaxError } from '../common/errors.js';
import type {
  CaseExpr, Expression, Identifier, Literal, Query, SymbolExpr, WindowSpec,
} from './ast.js';
import { stringContent, tokenStart } from './lexer.js';
import { buildIntervalLiteral, precisionDigits, type IntervalPrecision } from './interval-literals.js';
import { CallClauseRules } from './call-clause-rules.js';
import type { JsonClauseWord } from './json-call-clauses.js';
import { buildCall, NILADIC_FUNCTIONS, type CallSeparator, type WrittenCallArgument } from './special-calls.js';
import * as T from './tokens.js';

const SEPARATORS = new Map<TokenType, CallSeparator>([
  [T.Comma, ','], [T.From, 'FROM'], [T.For, 'FOR'], [T.In, 'IN'], [T.To, 'TO'],
]);

/** Tokens that can follow the BOTH / LEADING / TRAILING of TRIM (and not an operand named `both`). */
const AFTER_TRIM_MODE: readonly TokenType[] = [
  T.From, T.StringLiteral, T.BinaryStringLiteral, T.NumberLiteral, T.LParen, T.Cast, T.Case,
  T.Identifier, T.QuotedIdentifier, T.NonReservedKeyword,
];

export function literal(token: IToken, type: Literal['type']): Literal {
  const text = type === 'string' ? stringContent(token.image) : type === 'number' ? token.image : token.image.toUpperCase();
  return { kind: 'literal', type, text, position: tokenStart(token) };
}

export abstract class PrimaryRules extends CallClauseRules {
  public abstract query: ParserMethod<[], Query>;
  /** `( [PARTITION BY …] [ORDER BY …] [frame] )`. */
  public abstract windowSpec: ParserMethod<[], WindowSpec>;

  private consumeLiteral(type: TokenType, literalType: Literal['type']): Literal {
    const token = this.CONSUME(type);
    return this.ACTION(() => literal(token, literalType));
  }

  public primary = this.RULE('primary', (): Expression => {
    return this.OR([
      { ALT: () => this.consumeLiteral(T.NumberLiteral, 'number') },
      { ALT: () => this.consumeLiteral(T.StringLiteral, 'string') },
      { ALT: () => this.consumeLiteral(T.True, 'boolean') },
      { ALT: () => this.consumeLiteral(T.False, 'boolean') },
      { ALT: () => this.consumeLiteral(T.Null, 'null') },
      { ALT: () => this.SUBRULE(this.binaryLiteral) },
      { ALT: () => this.SUBRULE(this.intervalLiteral) },
      { ALT: () => this.SUBRULE(this.typedLiteral) },
      { ALT: () => this.SUBRULE(this.castExpression) },
      { ALT: () => this.SUBRULE(this.caseExpression) },
      { GATE: () => this.parenthesisedQueryAhead(2), IGNORE_AMBIGUITIES: true, ALT: () => this.SUBRULE(this.existsExpression) },
      { GATE: () => this.parenthesisedQueryAhead(1), IGNORE_AMBIGUITIES: true, ALT: () => this.SUBRULE(this.scalarSubquery) },
      { ALT: () => this.SUBRULE(this.collectionConstructor) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
          return inner;
        },
      },
      { ALT: () => this.SUBRULE(this.leftOrRightCall) },
      { IGNORE_AMBIGUITIES: true, ALT: () => this.SUBRULE(this.columnOrCall) },
    ]);
  });

  private binaryLiteral = this.RULE('binaryLiteral', (): Expression => {
    const token = this.CONSUME(T.BinaryStringLiteral);
    return this.ACTION((): Expression => {
      const hex = token.image.slice(2, -1);
      if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
        throw new SqlSyntaxError(`Invalid binary literal ${token.image}: expected an even number of hex digits`, {
          position: tokenStart(token),
        });
      }
      return { kind: 'binary-literal', hex: hex.toUpperCase(), position: tokenStart(token) };
    });
  });

  /**
   * `INTERVAL '10' MINUTE`, `INTERVAL -'1' HOUR`, `INTERVAL '1:30' MINUTE TO SECOND`, `INTERVAL '1-6' YEAR TO MONTH`,
   * with precisions as Flink: `INTERVAL '100' YEAR(3)`, `INTERVAL '1.5' SECOND(2, 3)`, `INTERVAL '1 2:00:00.5' DAY(1) TO SECOND(3)`.
   */
  private intervalLiteral = this.RULE('intervalLiteral', (): Expression => {
    const start = this.CONSUME(T.Interval);
    const sign = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]));
    const text = this.CONSUME(T.StringLiteral);
    const unit = this.CONSUME(T.Identifier);
    const precision = this.OPTION3(() => this.SUBRULE(this.intervalPrecision));
    const to = this.OPTION2(() => {
      this.CONSUME(T.To);
      const toUnit = this.CONSUME2(T.Identifier);
      const toPrecision = this.OPTION4(() => this.SUBRULE2(this.intervalPrecision));
      return { toUnit, toPrecision };
    });
    return this.ACTION(() => buildIntervalLiteral({
      start, sign, text, unit, precision, toUnit: to?.toUnit, toPrecision: to?.toPrecision,
    }));
  });

  /** `(p)` or `(p, f)` after an interval unit. */
  private intervalPrecision = this.RULE('intervalPrecision', (): IntervalPrecision => {
    const open = this.CONSUME(T.LParen);
    const leading = this.CONSUME(T.NumberLiteral);
    const fraction = this.OPTION(() => {
      this.CONSUME(T.Comma);
      return this.CONSUME2(T.NumberLiteral);
    });
    this.CONSUME(T.RParen);
    return this.ACTION((): IntervalPrecision => ({
      leading: precisionDigits(leading),
      ...(fraction === undefined ? {} : { fraction: precisionDigits(fraction) }),
      position: tokenStart(open),
    }));
  });

  /**
   * `TIMESTAMP '…'` is CAST('…' AS TIMESTAMP(3)), or TIMESTAMP(p) when it is written with p > 3 fraction digits
   * (`TIMESTAMP '2020-01-01 10:00:00.123456'` is a TIMESTAMP(6), as in Flink); `DATE '…'` CAST AS DATE; `TIME '…'` CAST AS TIME.
   */
  private typedLiteral = this.RULE('typedLiteral', (): Expression => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(T.Timestamp) },
      { ALT: () => this.CONSUME(T.DateKeyword) },
      { ALT: () => this.CONSUME(T.Time) },
    ]);
    const text = this.CONSUME(T.StringLiteral);
    return this.ACTION((): Expression => {
      const name = keyword.image.toUpperCase();
      const position = tokenStart(keyword);
      const fractionDigits = /\.(\d{4,9})\s*'$/.exec(text.image)?.[1]?.length;
      const params = name === 'TIMESTAMP' ? [fractionDigits ?? 3] : [];
      return { kind: 'cast', operand: literal(text, 'string'), type: { kind: 'type', name, params, notNull: false, position }, position };
    });
  });

  private castExpression = this.RULE('castExpression', (): Expression => {
    const start = this.OR([{ ALT: () => this.CONSUME(T.Cast) }, { ALT: () => this.CONSUME(T.TryCast) }]);
    this.CONSUME(T.LParen);
    const operand = this.SUBRULE(this.expression);
    this.CONSUME(T.As);
    const type = this.SUBRULE(this.typeName);
    this.CONSUME(T.RParen);
    return this.ACTION((): Expression => ({
      kind: start.tokenType === T.Cast ? 'cast' : 'try-cast',
      operand,
      type,
      position: tokenStart(start),
    }));
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

  private scalarSubquery = this.RULE('scalarSubquery', (): Expression => {
    const start = this.CONSUME(T.LParen);
    const query = this.SUBRULE(this.query);
    this.CONSUME(T.RParen);
    return this.ACTION((): Expression => ({ kind: 'scalar-subquery', query, position: tokenStart(start) }));
  });

  private existsExpression = this.RULE('existsExpression', (): Expression => {
    const start = this.CONSUME(T.Exists);
    this.CONSUME(T.LParen);
    const query = this.SUBRULE(this.query);
    this.CONSUME(T.RParen);
    return this.ACTION((): Expression => ({ kind: 'exists', query, position: tokenStart(start) }));
  });

  /** `ARRAY[1, 2]`, `MAP['a', 1, 'b', 2]`. */
  private collectionConstructor = this.RULE('collectionConstructor', (): Expression => {
    const start = this.OR([{ ALT: () => this.CONSUME(T.ArrayKeyword) }, { ALT: () => this.CONSUME(T.MapKeyword) }]);
    this.CONSUME(T.LBracket);
    const args: Expression[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const arg = this.SUBRULE(this.expression);
        this.ACTION(() => args.push(arg));
      },
    });
    const close = this.CONSUME(T.RBracket);
    return this.ACTION((): Expression => {
      const type = start.tokenType === T.ArrayKeyword ? 'ARRAY' : 'MAP';
      if (type === 'MAP' && args.length % 2 !== 0) {
        throw new SqlSyntaxError('MAP[…] needs keys and values in pairs: an even number of elements', { position: tokenStart(close) });
      }
      return { kind: 'constructor', type, args, position: tokenStart(start) };
    });
  });

  /** `LEFT(s, 3)`, `RIGHT(s, 3)`: function names that are join keywords elsewhere. */
  private leftOrRightCall = this.RULE('leftOrRightCall', (): Expression => {
    const token = this.OR([{ ALT: () => this.CONSUME(T.Left) }, { ALT: () => this.CONSUME(T.Right) }]);
    const name = this.ACTION((): Identifier => ({ kind: 'identifier', name: token.image, quoted: false, position: tokenStart(token) }));
    return this.SUBRULE(this.callTail, { ARGS: [name] });
  });

  /** `a`, `t.a`, `f(x, y)`, `COUNT(*)`, `COUNT(DISTINCT x)`, `DESCRIPTOR(ts)`, `CURRENT_TIMESTAMP`. */
  private columnOrCall = this.RULE('columnOrCall', (): Expression => {
    const first = this.SUBRULE(this.identifier);
    return this.OR([
      { ALT: () => this.SUBRULE(this.callTail, { ARGS: [first] }) },
      {
        ALT: () => {
          const path: Identifier[] = [first];
          this.MANY(() => {
            this.CONSUME(T.Dot);
            const part = this.SUBRULE2(this.identifier);
            this.ACTION(() => path.push(part));
          });
          return this.ACTION((): Expression => {
            if (path.length === 1 && !first.quoted && NILADIC_FUNCTIONS.has(first.name.toUpperCase())) {
              return { kind: 'call', name: first, args: [], distinct: false, star: false, position: first.position };
            }
            return { kind: 'column', path, position: first.position };
          });
        },
      },
    ]);
  });

  /** `(args) [FILTER (WHERE cond)] [OVER w | OVER (…)]` after a function name. */
  private callTail = this.RULE('callTail', (name: Identifier): Expression => {
    let star = false;
    let distinct = false;
    let trimMode: SymbolExpr | null = null;
    let onNull: SymbolExpr | null = null;
    let nullTreatment: SymbolExpr | null = null;
    const args: WrittenCallArgument[] = [];
    const jsonWords: JsonClauseWord[] = [];
    const add = (separator: IToken | null, value: Expression): void => {
      this.ACTION(() =>
        args.push({
          // an identifier is one of the separator words (VALUE, PLACING)
          separator: separator === null ? null : separator.tokenType === T.Identifier ? (separator.image.toUpperCase() as CallSeparator) : (SEPARATORS.get(separator.tokenType) ?? ','),
          separatorPosition: separator === null ? null : tokenStart(separator),
          value,
        }),
      );
    };
    this.CONSUME(T.LParen);
    // One token decides (`*`, a gated TRIM mode, or arguments); a larger k costs seconds of start-up (see queries.ts).
    this.OPTION({ MAX_LOOKAHEAD: 1, DEF: () =>
      this.OR({ MAX_LOOKAHEAD: 1, DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Star);
            star = true;
          },
        },
        {
          GATE: () => this.trimModeAhead(),
          IGNORE_AMBIGUITIES: true,
          ALT: () => {
            const mode = this.OR2([
              { ALT: () => this.CONSUME(T.Both) },
              { ALT: () => this.CONSUME(T.Leading) },
              { ALT: () => this.CONSUME(T.Trailing) },
            ]);
            this.ACTION(() => {
              trimMode = { kind: 'symbol', name: mode.image.toUpperCase(), position: tokenStart(mode) };
            });
            this.OPTION2(() => add(null, this.SUBRULE(this.expression)));
            const from = this.CONSUME(T.From);
            add(from, this.SUBRULE2(this.expression));
          },
        },
        {
          IGNORE_AMBIGUITIES: true,
          ALT: () => {
            this.OPTION3(() => {
              const quantifier = this.OR3([{ ALT: () => this.CONSUME(T.Distinct) }, { ALT: () => this.CONSUME(T.All) }]);
              distinct = quantifier.tokenType === T.Distinct;
            });
            this.OPTION6({ GATE: () => this.jsonKeyAhead(), DEF: () => this.CONSUME(T.Key) });
            add(null, this.SUBRULE3(this.expression));
            this.MANY({ GATE: () => !this.onNullAhead() && !this.jsonClauseAhead() && !this.nullTreatmentAhead(), MAX_LOOKAHEAD: 1, DEF: () => {
              const separator = this.OR4([
                { ALT: () => this.CONSUME(T.Comma) },
                { ALT: () => this.CONSUME2(T.From) },
                { ALT: () => this.CONSUME(T.For) },
                { ALT: () => this.CONSUME(T.In) },
                { ALT: () => this.CONSUME(T.To) },
                // `k VALUE v` in JSON_OBJECT, `s PLACING r` in OVERLAY: not keywords, so identifiers read as ones here.
                { GATE: () => this.isWord(this.LA(1), 'VALUE') || this.isWord(this.LA(1), 'PLACING'), ALT: () => this.CONSUME(T.Identifier) },
              ]);
              this.OPTION7({ GATE: () => this.jsonKeyAhead(), DEF: () => this.CONSUME2(T.Key) });
              add(separator, this.SUBRULE4(this.expression));
            } });
            // The clauses of JSON_VALUE / JSON_QUERY / JSON_EXISTS, read as words (json-call-clauses.ts).
            this.MANY2({ GATE: () => this.jsonClauseAhead(), MAX_LOOKAHEAD: 1, DEF: () => {
              const word = this.SUBRULE(this.jsonClauseWord);
              this.ACTION(() => jsonWords.push(word));
            } });
            // `NULL ON NULL` / `ABSENT ON NULL` at the end of JSON_OBJECT / JSON_ARRAY.
            this.OPTION8({ GATE: () => this.onNullAhead(), MAX_LOOKAHEAD: 1, DEF: () => {
              const mode = this.OR6([{ ALT: () => this.CONSUME2(T.Null) }, { ALT: () => this.CONSUME2(T.Identifier) }]);
              this.CONSUME(T.On);
              this.CONSUME3(T.Null);
              this.ACTION(() => {
                onNull = { kind: 'symbol', name: `${mode.image.toUpperCase()} ON NULL`, position: tokenStart(mode) };
              });
            } });
            // `RESPECT NULLS` / `IGNORE NULLS` at the end of ARRAY_AGG(…); an ORDER BY there is refused (Flink 1.20
            // accepts it and ignores it).
            this.OPTION9({ GATE: () => this.nullTreatmentAhead(), MAX_LOOKAHEAD: 1, DEF: () => {
              const mode = this.SUBRULE6(this.nullTreatment);
              this.ACTION(() => (nullTreatment = mode));
            } });
            this.option(10, { GATE: () => this.LA(1).tokenType === T.Order, MAX_LOOKAHEAD: 1, DEF: () => {
              const order = this.CONSUME(T.Order);
              this.ACTION(() => {
                throw new NotImplementedError(`ORDER BY in the arguments of ${name.name}(…) is not supported yet`, { position: tokenStart(order) });
              });
            } });
          },
        },
      ] }),
    });
    this.CONSUME(T.RParen);
    // `ARRAY_AGG(x) IGNORE NULLS`: the null treatment may follow the parentheses too.
    this.option(11, { GATE: () => this.nullTreatmentAhead(), MAX_LOOKAHEAD: 1, DEF: () => {
      const mode = this.SUBRULE7(this.nullTreatment);
      this.ACTION(() => {
        if (nullTreatment !== null) throw new SqlSyntaxError(`Unexpected '${mode.name}': ${name.name}(…) already has ${nullTreatment.name}`, { position: mode.position });
        nullTreatment = mode;
      });
    } });
    const filter = this.OPTION4(() => {
      const keyword = this.CONSUME(T.Filter);
      this.CONSUME2(T.LParen);
      this.CONSUME(T.Where);
      const condition = this.SUBRULE5(this.expression);
      this.CONSUME2(T.RParen);
      return { keyword, condition };
    });
    const over = this.OPTION5(() => {
      const keyword = this.CONSUME(T.Over);
      const window = this.OR5([
        { ALT: () => this.SUBRULE(this.windowSpec) },
        {
          ALT: () => {
            const windowName = this.SUBRULE(this.identifier);
            return this.ACTION((): WindowSpec => ({
              kind: 'window-spec', name: windowName, partitionBy: [], orderBy: [], frame: null, position: windowName.position,
            }));
          },
        },
      ]);
      return { keyword, window };
    });
    return this.ACTION((): Expression => {
      let call = buildCall({ name, star, distinct, trimMode, onNull, nullTreatment, args, jsonWords });
      for (const suffix of [filter, over]) {
        if (suffix !== undefined && call.kind !== 'call') {
          throw new SqlSyntaxError(`Unexpected '${suffix.keyword.image}' after ${name.name}(…)`, { position: tokenStart(suffix.keyword) });
        }
      }
      if (call.kind !== 'call') return call;
      if (filter !== undefined) call = { ...call, filter: filter.condition };
      if (over === undefined || call.kind !== 'call') return call;
      return { kind: 'over', call, window: over.window, position: call.position };
    });
  });

  /** `KEY` before a JSON_OBJECT key (`KEY 'k' VALUE v`), not a column named `key` (`key VALUE v`, `key + 1`). */
  private jsonKeyAhead(): boolean {
    if (this.LA(1).tokenType !== T.Key) return false;
    const next = this.LA(2);
    if (this.isWord(next, 'VALUE')) return false;
    return AFTER_TRIM_MODE.some((type) => type !== T.From && tokenMatcher(next, type));
  }

  private trimModeAhead(): boolean {
    const mode = this.LA(1).tokenType;
    if (mode !== T.Both && mode !== T.Leading && mode !== T.Trailing) return false;
    const next = this.LA(2);
    return AFTER_TRIM_MODE.some((type) => tokenMatcher(next, type));
  }
}
