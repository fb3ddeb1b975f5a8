/**
 * Turns SQL text into tokens, with positions (1-based line:column, 0-based offset). Lexing errors are
 * `SqlSyntaxError`s pointing at the offending character (or at the opening quote of an unterminated string).
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import {
  allTokens,
  UnterminatedBlockComment,
  UnterminatedQuotedIdentifier,
  UnterminatedString,
} from './tokens.js';

const sqlLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });

const unterminatedMessages = new Map<TokenType, string>([
  [UnterminatedString, 'Unterminated string literal'],
  [UnterminatedQuotedIdentifier, 'Unterminated quoted identifier'],
  [UnterminatedBlockComment, 'Unterminated comment'],
]);

/** The tokens of `sql` (whitespace and comments dropped). */
export function tokenize(sql: string): IToken[] {
  const result = sqlLexer.tokenize(sql);
  const lexError = result.errors[0];
  if (lexError) {
    const position: SourcePosition = {
      line: lexError.line ?? 1,
      column: lexError.column ?? 1,
      offset: lexError.offset,
    };
    const character = String.fromCodePoint(sql.codePointAt(lexError.offset) ?? 0);
    throw new SqlSyntaxError(`Unexpected character '${character}'`, { position });
  }
  for (const token of result.tokens) {
    const message = unterminatedMessages.get(token.tokenType);
    if (message !== undefined) throw new SqlSyntaxError(message, { position: tokenStart(token) });
  }
  return result.tokens;
}

/** Where a token starts. */
export function tokenStart(token: IToken): SourcePosition {
  return { line: token.startLine ?? 1, column: token.startColumn ?? 1, offset: token.startOffset };
}

/** The position just after a token (where "end of input" after it is reported). */
export function tokenEnd(token: IToken): SourcePosition {
  return {
    line: token.endLine ?? token.startLine ?? 1,
    column: (token.endColumn ?? token.startColumn ?? 0) + 1,
    offset: (token.endOffset ?? token.startOffset) + 1,
  };
}

/** The unescaped content of a string literal token: `'it''s'` → `it's`. */
export function stringContent(image: string): string {
  return image.slice(1, -1).replaceAll("''", "'");
}

/** The unescaped content of a backquoted identifier: `` `a``b` `` → ``a`b``. */
export function quotedIdentifierContent(image: string): string {
  return image.slice(1, -1).replaceAll('``', '`');
}
