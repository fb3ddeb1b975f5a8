/**
 * Turns chevrotain's recognition errors into `SqlSyntaxError`s that say what was found and what was expected:
 * `Unexpected 'FORM'; expected ',', FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, FETCH or ';' (did you mean FROM?)`.
 * The expected tokens come from the grammar itself (chevrotain's content assist on the tokens before the error).
 */
import { EOF, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import { tokenStart } from './lexer.js';
import { closestWord } from './suggestions.js';
import * as T from './tokens.js';

/** What ends the tokens being parsed: a `;` (reported as such) or the end of the input. */
export interface InputEnd {
  readonly position: SourcePosition;
  /** How the end is named in messages: `';'` or `end of input`. */
  readonly found: string;
  /** How an acceptable end is listed among the expected tokens. */
  readonly expected: string;
}

/** The grammar questions the error mapper asks; implemented by the parser entry points. */
export interface GrammarOracle {
  /** Token types that may follow `prefix` from the start rule. */
  nextTokenTypes(prefix: readonly IToken[]): readonly TokenType[];
  /** True if `prefix` alone is a complete input for the start rule. */
  isComplete(prefix: readonly IToken[]): boolean;
}

const EXPRESSION_STARTS: readonly TokenType[] = [
  T.NumberLiteral, T.StringLiteral, T.BinaryStringLiteral, T.True, T.False, T.Null, T.Interval, T.Timestamp,
  T.DateKeyword, T.Time, T.Cast, T.TryCast, T.Case, T.Exists, T.ArrayKeyword, T.MapKeyword, T.Left, T.Right,
  T.LParen, T.Minus, T.Plus, T.Not, T.Identifier, T.QuotedIdentifier, T.NonReservedKeyword,
];
const IDENTIFIERS: readonly TokenType[] = [T.Identifier, T.QuotedIdentifier, T.NonReservedKeyword];
const OPERATORS: readonly TokenType[] = [
  T.Star, T.Slash, T.Percent, T.Plus, T.Minus, T.Concat, T.Equals, T.NotEquals, T.BangEquals,
  T.Less, T.LessOrEqual, T.Greater, T.GreaterOrEqual, T.Is, T.And, T.Or,
  T.Not, T.Between, T.In, T.Like, T.Similar, T.LBracket, T.Dot,
];
/** Other ways to start a query, named by SELECT alone where SELECT is expected too. */
const OTHER_QUERY_STARTS: readonly TokenType[] = [T.With, T.LParen];
/** The keyword separators of special function forms (`EXTRACT(HOUR FROM ts)`), left out beside ',' and ')'. */
const CALL_KEYWORD_SEPARATORS: readonly TokenType[] = [T.From, T.For, T.In, T.To];
/**
 * After a call argument: JSON_OBJECT's `VALUE`, `NULL | ABSENT ON NULL` and the clauses of JSON_VALUE / JSON_QUERY /
 * JSON_EXISTS (`RETURNING …`, `WITH WRAPPER`, `… ON EMPTY`; gated words), left out likewise.
 */
const JSON_CALL_WORDS: readonly TokenType[] = [T.Identifier, T.Null, T.NonReservedKeyword, T.True, T.False, T.On, T.With, T.ArrayKeyword];
const KEYWORDS = new Set<TokenType>(T.keywords);
const MAX_ADVANCE = 8;

export function syntaxErrorFor(
  error: IRecognitionException,
  tokens: readonly IToken[],
  end: InputEnd,
  grammar: GrammarOracle,
): SqlSyntaxError {
  const cache = new Map<number, readonly TokenType[]>();
  const nextTokenTypes = (length: number): readonly TokenType[] => {
    let types = cache.get(length);
    if (types === undefined) {
      types = grammar.nextTokenTypes(tokens.slice(0, length));
      cache.set(length, types);
    }
    return types;
  };
  let index = tokenIndex(error.token, tokens);
  // A failed decision reports its first lookahead token; move on to the first token the grammar cannot take.
  const decisionFailed = error.name === 'NoViableAltException' || error.name === 'EarlyExitException';
  for (let step = 0; decisionFailed && step < MAX_ADVANCE && index < tokens.length; step++) {
    const token = tokens[index];
    if (token === undefined || !nextTokenTypes(index).some((type) => tokenMatcher(token, type))) break;
    index++;
  }
  const expectedTypes = nextTokenTypes(index);
  const endAllowed = grammar.isComplete(tokens.slice(0, index));
  const expected = describeExpected(expectedTypes, endAllowed ? end.expected : undefined);
  const keywordChoices = expectedTypes.filter((type) => KEYWORDS.has(type)).map((type) => type.name);

  let found = tokens[index];
  let hint = found === undefined ? undefined : typoHint(found, keywordChoices);
  const previous = tokens[index - 1];
  if (hint === undefined && previous !== undefined && previous.tokenType === T.Identifier) {
    // `SELECT a FORM t`: FORM was taken as an alias, so the error surfaces at `t`; blame the typo instead.
    const previousHint = typoHint(previous, keywordChoices);
    if (previousHint !== undefined) {
      found = previous;
      hint = previousHint;
    }
  }
  if (hint === undefined && found !== undefined) hint = unsupportedHint(found);
  if (hint === undefined && previous !== undefined && unsupportedHint(previous) !== undefined) {
    // `FROM t QUALIFY …`: the word was taken as an alias; blame it.
    found = previous;
    hint = unsupportedHint(previous);
  }

  const what = found === undefined ? `Unexpected ${end.found}` : `Unexpected ${describeToken(found)}`;
  const detail = expected === '' ? what : `${what}; expected ${expected}`;
  const position = found === undefined ? end.position : tokenStart(found);
  return new SqlSyntaxError(detail, hint === undefined ? { position } : { position, hint });
}

function tokenIndex(token: IToken, tokens: readonly IToken[]): number {
  if (token.tokenType === EOF) return tokens.length;
  const index = tokens.indexOf(token);
  if (index !== -1) return index;
  const byOffset = tokens.findIndex((candidate) => candidate.startOffset >= token.startOffset);
  return byOffset === -1 ? tokens.length : byOffset;
}

function typoHint(token: IToken, keywordChoices: readonly string[]): string | undefined {
  if (token.tokenType !== T.Identifier) return undefined;
  const suggestion = closestWord(token.image, keywordChoices);
  return suggestion === undefined ? undefined : `did you mean ${suggestion}?`;
}

/** Valid Flink SQL words that Sluice's grammar does not take yet. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  QUALIFY: 'QUALIFY is not supported yet; filter in an outer query',
};

function unsupportedHint(token: IToken): string | undefined {
  if (token.tokenType !== T.Identifier) return undefined;
  return UNSUPPORTED[token.image.toUpperCase()];
}

function describeToken(token: IToken): string {
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  if (token.tokenType === T.StringLiteral) return `string ${image}`;
  if (token.tokenType === T.QuotedIdentifier) return `identifier ${image}`;
  return `'${image}'`;
}

/** `',', FROM, WHERE or ';'`: token labels in grammar order, with expression starts and operators grouped. */
export function describeExpected(allTypes: readonly TokenType[], endLabel: string | undefined): string {
  const all = new Set(allTypes);
  const callArguments = all.has(T.Comma) && all.has(T.RParen);
  const types = allTypes.filter(
    (type) =>
      !(all.has(T.Select) && OTHER_QUERY_STARTS.includes(type)) && !(callArguments && CALL_KEYWORD_SEPARATORS.includes(type)) &&
      !(callArguments && !all.has(T.NumberLiteral) && JSON_CALL_WORDS.includes(type)) &&
      // ORDER BY in a call's parentheses is read only to be refused as not supported yet (ARRAY_AGG(x ORDER BY y)).
      !(type === T.Order && callArguments && all.has(T.For) && all.has(T.To)),
  );
  const present = new Set(types);
  const expressionExpected = present.has(T.NumberLiteral);
  const operatorsExpected = OPERATORS.filter((type) => present.has(type)).length >= 3;
  const labels: string[] = [];
  const add = (label: string): void => {
    if (!labels.includes(label)) labels.push(label);
  };
  for (const type of types) {
    if (expressionExpected && EXPRESSION_STARTS.includes(type)) add('an expression');
    else if (operatorsExpected && OPERATORS.includes(type)) add('an operator');
    else if (IDENTIFIERS.includes(type)) add('an identifier');
    else add(type.LABEL ?? type.name);
  }
  if (endLabel !== undefined) add(endLabel);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
