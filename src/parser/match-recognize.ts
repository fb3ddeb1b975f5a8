/**
 * Grammar rules for row pattern recognition, the clause after a table or subquery in FROM:
 *
 *   MATCH_RECOGNIZE (
 *     [PARTITION BY a, b] ORDER BY ts [, c DESC]
 *     [MEASURES expr AS name, …]
 *     [ONE ROW PER MATCH]
 *     [AFTER MATCH SKIP PAST LAST ROW | TO NEXT ROW | TO FIRST v | TO LAST v | TO v]
 *     PATTERN (A B+ C*? D{1,3}) [WITHIN INTERVAL '1' HOUR]
 *     DEFINE B AS …, C AS …
 *   ) [AS] t
 *
 * Its words (MEASURES, PATTERN, DEFINE, …) are not keywords: they are recognised by spelling where the clause
 * expects them, so columns may keep those names. What Flink does not run either (ALL ROWS PER MATCH, SUBSET,
 * pattern groups and alternation, the reluctant optional `??`) is refused with NotImplementedError at its position.
 */
import type { IToken, ParserMethod } from 'chevrotain';
import { NotImplementedError, SqlSyntaxError } from '../common/errors.js';
import type { AfterMatchSkip, Expression, FromItem, Identifier, MatchRecognize, Measure, OrderItem, PatternDefinition, PatternTerm } from './ast.js';
import { tokenStart } from './lexer.js';
import * as T from './tokens.js';
import { WindowSpecRules } from './window-specs.js';

interface Quantifier {
  readonly min: number;
  readonly max: number | null;
  readonly reluctant: boolean;
}

export abstract class MatchRecognizeRules extends WindowSpecRules {
  protected abstract rowLimitAhead(): boolean;
  protected abstract alias: ParserMethod<[], Identifier>;

  /** `MATCH_RECOGNIZE (` next: the clause follows the table or subquery (and is not its alias). */
  protected matchRecognizeAhead(): boolean {
    return this.isWord(this.LA(1), 'MATCH_RECOGNIZE') && this.LA(2).tokenType === T.LParen;
  }

  /** The clause after `input`, with its alias. */
  protected matchRecognize = this.RULE('matchRecognize', (input: FromItem): MatchRecognize => {
    const start = this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    const partitionBy: Expression[] = [];
    this.OPTION(() => {
      this.CONSUME(T.Partition);
      this.CONSUME(T.By);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => {
        const key = this.SUBRULE(this.expression);
        this.ACTION(() => partitionBy.push(key));
      } });
    });
    const orderBy: OrderItem[] = this.OPTION2(() => this.SUBRULE(this.orderByList)) ?? [];
    const measures: Measure[] = [];
    this.OPTION3({
      GATE: () => this.isWord(this.LA(1), 'MEASURES'),
      DEF: () => {
        this.CONSUME2(T.Identifier);
        this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => {
          const expr = this.SUBRULE2(this.expression);
          this.CONSUME(T.As);
          const alias = this.SUBRULE(this.identifier);
          this.ACTION(() => measures.push({ expr, alias }));
        } });
      },
    });
    this.OPTION4({ GATE: () => this.isWord(this.LA(1), 'ONE') || this.LA(1).tokenType === T.All, DEF: () => this.SUBRULE(this.rowsPerMatch) });
    const afterMatch = this.OPTION5({ GATE: () => this.isWord(this.LA(1), 'AFTER'), DEF: () => this.SUBRULE(this.afterMatchSkip) });
    const patternWord = this.CONSUME3(T.Identifier);
    this.CONSUME2(T.LParen);
    const pattern: PatternTerm[] = [];
    this.AT_LEAST_ONE(() => {
      const term = this.SUBRULE(this.patternTerm);
      this.ACTION(() => pattern.push(term));
    });
    this.OPTION6({ GATE: () => this.LA(1).tokenType === T.Pipe, DEF: () => {
      const bar = this.CONSUME(T.Pipe);
      this.ACTION(() => {
        throw new NotImplementedError('Alternation (|) in a MATCH_RECOGNIZE pattern is not supported (as in Flink)', { position: tokenStart(bar) });
      });
    } });
    this.CONSUME2(T.RParen);
    const within = this.OPTION7({
      GATE: () => this.isWord(this.LA(1), 'WITHIN'),
      DEF: () => {
        this.CONSUME4(T.Identifier);
        return this.SUBRULE3(this.expression);
      },
    });
    this.OPTION8({ GATE: () => this.isWord(this.LA(1), 'SUBSET'), DEF: () => {
      const subset = this.CONSUME5(T.Identifier);
      this.ACTION(() => {
        throw new NotImplementedError('SUBSET in MATCH_RECOGNIZE is not supported (as in Flink)', { position: tokenStart(subset) });
      });
    } });
    const defineWord = this.CONSUME6(T.Identifier);
    const define: PatternDefinition[] = [];
    this.AT_LEAST_ONE_SEP3({ SEP: T.Comma, DEF: () => {
      const variable = this.SUBRULE2(this.identifier);
      this.CONSUME2(T.As);
      const condition = this.SUBRULE4(this.expression);
      this.ACTION(() => define.push({ variable, condition }));
    } });
    this.CONSUME3(T.RParen);
    const alias = this.OPTION9({ GATE: () => !this.rowLimitAhead(), DEF: () => this.SUBRULE(this.alias) });
    return this.ACTION((): MatchRecognize => {
      expectWord(patternWord, 'PATTERN');
      expectWord(defineWord, 'DEFINE');
      return {
        kind: 'match-recognize', input, partitionBy, orderBy, measures, afterMatch: afterMatch ?? null, pattern,
        within: within ?? null, define, alias: alias ?? null, position: tokenStart(start),
      };
    });
  });

  /** `ONE ROW PER MATCH`; `ALL ROWS PER MATCH` is refused. */
  private rowsPerMatch = this.RULE('rowsPerMatch', (): void => {
    const first = this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.All) }]);
    this.OR2([{ ALT: () => this.CONSUME(T.Row) }, { ALT: () => this.CONSUME(T.Rows) }]);
    const per = this.CONSUME2(T.Identifier);
    const match = this.CONSUME3(T.Identifier);
    this.ACTION(() => {
      expectWord(per, 'PER');
      expectWord(match, 'MATCH');
      if (first.tokenType === T.All) {
        throw new NotImplementedError('ALL ROWS PER MATCH is not supported (as in Flink): use ONE ROW PER MATCH', { position: tokenStart(first) });
      }
      expectWord(first, 'ONE');
    });
  });

  /** `AFTER MATCH SKIP PAST LAST ROW | TO NEXT ROW | TO FIRST v | TO LAST v | TO v`. */
  private afterMatchSkip = this.RULE('afterMatchSkip', (): AfterMatchSkip => {
    const after = this.CONSUME(T.Identifier);
    const match = this.CONSUME2(T.Identifier);
    const skip = this.CONSUME3(T.Identifier);
    const result = this.OR([
      {
        GATE: () => this.isWord(this.LA(1), 'PAST'),
        ALT: (): AfterMatchSkip => {
          this.CONSUME4(T.Identifier);
          const last = this.CONSUME5(T.Identifier);
          this.CONSUME(T.Row);
          this.ACTION(() => expectWord(last, 'LAST'));
          return { kind: 'past-last-row' };
        },
      },
      {
        ALT: (): AfterMatchSkip => {
          this.CONSUME(T.To);
          return this.OR2([
            {
              GATE: () => this.isWord(this.LA(1), 'NEXT') && this.LA(2).tokenType === T.Row,
              IGNORE_AMBIGUITIES: true,
              ALT: (): AfterMatchSkip => {
                this.CONSUME6(T.Identifier);
                this.CONSUME2(T.Row);
                return { kind: 'to-next-row' };
              },
            },
            {
              GATE: () => this.isWord(this.LA(1), 'FIRST') || this.isWord(this.LA(1), 'LAST'),
              IGNORE_AMBIGUITIES: true,
              ALT: (): AfterMatchSkip => {
                const which = this.CONSUME7(T.Identifier);
                const variable = this.SUBRULE(this.identifier);
                return { kind: which.image.toUpperCase() === 'FIRST' ? 'to-first' : 'to-last', variable };
              },
            },
            {
              IGNORE_AMBIGUITIES: true,
              ALT: (): AfterMatchSkip => {
                // `SKIP TO v` is `SKIP TO LAST v` (the standard's default).
                const variable = this.SUBRULE2(this.identifier);
                return { kind: 'to-last', variable };
              },
            },
          ]);
        },
      },
    ]);
    this.ACTION(() => {
      expectWord(after, 'AFTER');
      expectWord(match, 'MATCH');
      expectWord(skip, 'SKIP');
    });
    return result;
  });

  /** A variable and its quantifier; `(…)` groups are refused. */
  private patternTerm = this.RULE('patternTerm', (): PatternTerm => {
    return this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          this.ACTION(() => {
            throw new NotImplementedError('Pattern groups in MATCH_RECOGNIZE are not supported (as in Flink): quantify single variables', { position: tokenStart(open) });
          });
          return { variable: { name: '', quoted: false, position: tokenStart(open) }, min: 1, max: 1, reluctant: false, position: tokenStart(open) };
        },
      },
      {
        ALT: () => {
          const variable = this.SUBRULE(this.identifier);
          const quantifier = this.OPTION(() => this.SUBRULE(this.quantifier)) ?? { min: 1, max: 1, reluctant: false };
          return { variable, ...quantifier, position: variable.position };
        },
      },
    ]);
  });

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, `{,m}`, each optionally followed by `?` (reluctant). */
  private quantifier = this.RULE('quantifier', (): Quantifier => {
    const bounds = this.OR([
      { ALT: () => ({ min: 0, max: null, token: this.CONSUME(T.Star) }) },
      { ALT: () => ({ min: 1, max: null, token: this.CONSUME(T.Plus) }) },
      { ALT: () => ({ min: 0, max: 1 as number | null, token: this.CONSUME(T.Question) }) },
      { ALT: () => this.SUBRULE(this.braceQuantifier) },
    ]);
    const reluctant = this.OPTION(() => this.CONSUME2(T.Question));
    return this.ACTION((): Quantifier => {
      if (reluctant !== undefined && bounds.min === 0 && bounds.max === 1) {
        throw new NotImplementedError('The reluctant optional quantifier (?? or {0,1}?) is not supported (as in Flink)', { position: tokenStart(reluctant) });
      }
      return { min: bounds.min, max: bounds.max, reluctant: reluctant !== undefined };
    });
  });

  private braceQuantifier = this.RULE('braceQuantifier', (): { min: number; max: number | null; token: IToken } => {
    const open = this.CONSUME(T.LBrace);
    const low = this.OPTION(() => this.CONSUME(T.NumberLiteral));
    const comma = this.OPTION2(() => this.CONSUME(T.Comma));
    const high = this.OPTION3(() => this.CONSUME2(T.NumberLiteral));
    this.CONSUME(T.RBrace);
    return this.ACTION(() => {
      const position = tokenStart(open);
      const count = (token: IToken | undefined): number | null => {
        if (token === undefined) return null;
        if (!/^\d+$/.test(token.image)) throw new SqlSyntaxError(`A pattern quantifier takes whole numbers, not ${token.image}`, { position: tokenStart(token) });
        return Number(token.image);
      };
      const min = count(low);
      const max = comma === undefined ? min : count(high);
      if (min === null && max === null) throw new SqlSyntaxError('A quantifier {…} needs a count', { position });
      if (max !== null && (max === 0 || (min !== null && min > max))) {
        throw new SqlSyntaxError(`Invalid quantifier {${low?.image ?? ''}${comma ? ',' : ''}${high?.image ?? ''}}: needs 0 ≤ n ≤ m and m > 0`, { position });
      }
      return { min: min ?? 0, max, token: open };
    });
  });
}

function expectWord(token: IToken, word: string): void {
  if (token.image.toUpperCase() !== word) {
    throw new SqlSyntaxError(`Unexpected '${token.image}' in MATCH_RECOGNIZE; expected ${word}`, { position: tokenStart(token) });
  }
}
