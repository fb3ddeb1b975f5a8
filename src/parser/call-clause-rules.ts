/**
 * Grammar rules for the words that end some calls' argument lists: the clauses of JSON_VALUE / JSON_QUERY /
 * JSON_EXISTS (`RETURNING type`, `WITH … WRAPPER`, `DEFAULT expr ON EMPTY`, …), read one word at a time and given
 * their structure by json-call-clauses.ts, and the lookahead that tells them from JSON_OBJECT's `NULL ON NULL` /
 * `ABSENT ON NULL`, and ARRAY_AGG's `RESPECT NULLS` / `IGNORE NULLS`. `primaries.ts` builds calls on top.
 */
import { tokenMatcher, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import type { Expression, SymbolExpr } from './ast.js';
import { JSON_CLAUSE_WORDS, type JsonClauseWord } from './json-call-clauses.js';
import { tokenStart } from './lexer.js';
import { NameAndTypeRules } from './names-and-types.js';
import * as T from './tokens.js';

/** The token types a JSON clause word can have (besides the words, JSON_CLAUSE_WORDS decides). */
const JSON_CLAUSE_TOKENS: readonly TokenType[] = [
  T.Identifier, T.NonReservedKeyword, T.Null, T.True, T.False, T.On, T.With, T.ArrayKeyword,
];

export abstract class CallClauseRules extends NameAndTypeRules {
  public abstract expression: ParserMethod<[], Expression>;

  /** One word of a JSON clause; `RETURNING` with its type, `DEFAULT` with its expression. */
  protected jsonClauseWord = this.RULE('jsonClauseWord', (): JsonClauseWord => {
    // Gated alternatives: one token of lookahead (a deeper one is computed through typeName and expression when the
    // parser is built, which took seconds).
    return this.OR({ MAX_LOOKAHEAD: 1, DEF: [
      {
        GATE: () => this.isWord(this.LA(1), 'RETURNING'),
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const word = this.CONSUME(T.Identifier);
          const type = this.SUBRULE(this.typeName);
          return this.ACTION((): JsonClauseWord => ({ word: 'RETURNING', position: tokenStart(word), type }));
        },
      },
      {
        GATE: () => this.isWord(this.LA(1), 'DEFAULT'),
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const word = this.CONSUME2(T.Identifier);
          const value = this.SUBRULE(this.expression);
          return this.ACTION((): JsonClauseWord => ({ word: 'DEFAULT', position: tokenStart(word), value }));
        },
      },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const word = this.OR2([
            { ALT: () => this.CONSUME3(T.Identifier) },
            { ALT: () => this.CONSUME(T.NonReservedKeyword) },
            { ALT: () => this.CONSUME(T.Null) },
            { ALT: () => this.CONSUME(T.True) },
            { ALT: () => this.CONSUME(T.False) },
            { ALT: () => this.CONSUME(T.On) },
            { ALT: () => this.CONSUME(T.With) },
            { ALT: () => this.CONSUME(T.ArrayKeyword) },
          ]);
          return this.ACTION((): JsonClauseWord => ({ word: word.image.toUpperCase(), position: tokenStart(word) }));
        },
      },
    ] });
  });

  /** A word of a JSON_VALUE / JSON_QUERY / JSON_EXISTS clause (`RETURNING`, `NULL ON EMPTY`, …), not `NULL ON NULL`. */
  protected jsonClauseAhead(): boolean {
    const first = this.LA(1);
    if (!JSON_CLAUSE_WORDS.has(first.image.toUpperCase()) || this.onNullAhead()) return false;
    return JSON_CLAUSE_TOKENS.some((type) => tokenMatcher(first, type));
  }

  /** `RESPECT NULLS` / `IGNORE NULLS` (words, not keywords), as a symbol. */
  protected nullTreatment = this.RULE('nullTreatment', (): SymbolExpr => {
    const mode = this.CONSUME(T.Identifier);
    this.CONSUME2(T.Identifier);
    return this.ACTION((): SymbolExpr => ({ kind: 'symbol', name: `${mode.image.toUpperCase()} NULLS`, position: tokenStart(mode) }));
  });

  /** `RESPECT NULLS` or `IGNORE NULLS` next. */
  protected nullTreatmentAhead(): boolean {
    const first = this.LA(1);
    return (this.isWord(first, 'RESPECT') || this.isWord(first, 'IGNORE')) && this.isWord(this.LA(2), 'NULLS');
  }

  /** `NULL ON NULL` or `ABSENT ON NULL`. */
  protected onNullAhead(): boolean {
    const first = this.LA(1);
    if (first.tokenType !== T.Null && !this.isWord(first, 'ABSENT')) return false;
    return this.LA(2).tokenType === T.On && this.LA(3).tokenType === T.Null;
  }

  protected isWord(token: IToken, word: string): boolean {
    return token.tokenType === T.Identifier && token.image.toUpperCase() === word;
  }
}
