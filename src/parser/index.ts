/**
 * The parser's entry points: SQL text in, typed AST (`ast.ts`) out, or a `SqlSyntaxError` with the position
 * of the offending token and what was expected there.
 */
import type { IToken } from 'chevrotain';
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type { Expression, Statement, StatementSet, TypeName } from './ast.js';
import { tokenEnd, tokenize, tokenStart } from './lexer.js';
import { EXPLAIN_DETAILS, sqlParser, type ParsedStatement } from './parser.js';
import { syntaxErrorFor, type GrammarOracle, type InputEnd } from './syntax-errors.js';
import { Begin, Case, Comma, End, Execute, Explain, For, Insert, LParen, Plan, RParen, Semicolon, SetKeyword, StatementKeyword } from './tokens.js';

export type * from './ast.js';
export { splitStatements, type SplitStatements } from './split.js';
export { expressionChildren, queriesIn } from './ast-walk.js';
export { syntaxFeatures, statementName, type SyntaxFeature } from './syntax-features.js';

interface StartRules {
  statement: ParsedStatement;
  standaloneExpression: Expression;
  standaloneType: TypeName;
}
type StartRule = keyof StartRules;

/**
 * A script of `;`-separated statements (trailing `;` optional, empty statements ignored). The `;`s inside
 * `EXECUTE STATEMENT SET BEGIN … END` belong to the statement set.
 */
export function parseStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let group: IToken[] = [];
  let caseDepth = 0;
  let setClosed = false;
  const finish = (semicolon: IToken | undefined): void => {
    if (group.length > 0) statements.push(parseOneStatement(sql, group, semicolon));
    group = [];
    caseDepth = 0;
    setClosed = false;
  };
  for (const token of tokenize(sql)) {
    if (token.tokenType === Semicolon && (setClosed || !opensStatementSet(group))) {
      finish(token);
      continue;
    }
    if (token.tokenType === Case) caseDepth++;
    else if (token.tokenType === End) {
      if (caseDepth > 0) caseDepth--;
      else if (opensStatementSet(group)) setClosed = true;
    }
    group.push(token);
  }
  finish(undefined);
  return statements;
}

/**
 * True if `tokens` start with `[EXPLAIN [PLAN FOR] [detail, …]] [EXECUTE] STATEMENT SET BEGIN` or `BEGIN STATEMENT
 * SET`.
 */
function opensStatementSet(tokens: readonly IToken[]): boolean {
  if (tokens[0]?.tokenType === Begin && tokens[1]?.tokenType === StatementKeyword && tokens[2]?.tokenType === SetKeyword) return true;
  let i = 0;
  if (tokens[i]?.tokenType === Explain) {
    i++;
    if (tokens[i]?.tokenType === Plan && tokens[i + 1]?.tokenType === For) i += 2;
    const isDetail = (token: IToken | undefined): boolean => (EXPLAIN_DETAILS as readonly string[]).includes(token?.image.toUpperCase() ?? '');
    while (isDetail(tokens[i])) i += tokens[i + 1]?.tokenType === Comma ? 2 : 1;
  }
  if (tokens[i]?.tokenType === Execute) i++;
  return tokens[i]?.tokenType === StatementKeyword && tokens[i + 1]?.tokenType === SetKeyword && tokens[i + 2]?.tokenType === Begin;
}

/**
 * A statement set holds INSERTs only (as in Flink): another statement inside one fails at its first token with a
 * message that says so, rather than with the grammar's list of expected tokens.
 */
function rejectNonInserts(tokens: readonly IToken[]): void {
  const clientForm = tokens[0]?.tokenType === Begin;
  let start = clientForm ? 4 : tokens.findIndex((token) => token.tokenType === Begin) + 1;
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i === start && token.tokenType !== Insert && token.tokenType !== End) {
      throw new SqlSyntaxError(`Only INSERT statements are allowed in a statement set; found ${token.image.toUpperCase()}`, {
        position: tokenStart(token),
        hint: 'run other statements before the statement set or after its END',
      });
    }
    if (token.tokenType === LParen) depth++;
    else if (token.tokenType === RParen) depth--;
    else if (token.tokenType === Semicolon && depth === 0) start = i + 1;
  }
}

/** Exactly one statement (a trailing `;` is allowed). */
export function parseStatement(sql: string): Statement {
  const statements = parseStatements(sql);
  const [first, second] = statements;
  if (first === undefined) throw new SqlSyntaxError('Expected a SQL statement', { position: { line: 1, column: 1, offset: 0 } });
  if (second !== undefined) {
    throw new SqlSyntaxError('Expected a single statement; found another one', { position: second.position });
  }
  return first;
}

/** A standalone expression, e.g. a watermark expression `ts - INTERVAL '5' SECOND`. */
export function parseExpression(sql: string): Expression {
  const tokens = tokenize(sql);
  return parseTokens('standaloneExpression', tokens, endOfText(sql, tokens));
}

/** A standalone type, e.g. `DECIMAL(10, 2)`. */
export function parseType(sql: string): TypeName {
  const tokens = tokenize(sql);
  return parseTokens('standaloneType', tokens, endOfText(sql, tokens));
}

function parseOneStatement(sql: string, tokens: readonly IToken[], semicolon: IToken | undefined): Statement {
  if (opensStatementSet(tokens)) rejectNonInserts(tokens);
  const end: InputEnd =
    semicolon === undefined
      ? endOfText(sql, tokens)
      : { position: tokenStart(semicolon), found: "';'", expected: "';'" };
  const parsed = parseTokens('statement', tokens, end);
  const last = tokens[tokens.length - 1];
  const endOffset = last === undefined ? 0 : last.endOffset === undefined ? last.startOffset : last.endOffset + 1;
  const textFrom = (position: SourcePosition): string => sql.slice(position.offset ?? 0, endOffset);
  if (parsed.kind === 'explain') {
    const inner = parsed.statement;
    return { ...parsed, statement: { ...inner, text: textFrom(inner.position) }, text: textFrom(parsed.position) };
  }
  if (parsed.kind === 'statement-set') return withInsertTexts(sql, tokens, { ...parsed, text: textFrom(parsed.position) });
  if (parsed.kind === 'explain-statement-set') {
    const set = withInsertTexts(sql, tokens, { ...parsed.statementSet, text: textFrom(parsed.statementSet.position) });
    return { ...parsed, statementSet: set, text: textFrom(parsed.position) };
  }
  return { ...parsed, text: textFrom(parsed.position) };
}

/** Each INSERT of a statement set gets its text: from its first token to the token before its `;`. */
function withInsertTexts(sql: string, tokens: readonly IToken[], set: StatementSet): StatementSet {
  const inserts = set.inserts.map((insert) => {
    const start = insert.position.offset ?? 0;
    const semicolon = tokens.findIndex((token) => token.tokenType === Semicolon && token.startOffset > start);
    const last = tokens[semicolon - 1];
    const end = last === undefined ? start : (last.endOffset ?? last.startOffset) + 1;
    return { ...insert, text: sql.slice(start, end) };
  });
  return { ...set, inserts };
}

function endOfText(sql: string, tokens: readonly IToken[]): InputEnd {
  const last = tokens[tokens.length - 1];
  const position = last === undefined ? positionAtEnd(sql) : tokenEnd(last);
  return { position, found: 'end of input', expected: "';'" };
}

function positionAtEnd(sql: string): SourcePosition {
  const lines = sql.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, offset: sql.length };
}

function parseTokens<R extends StartRule>(rule: R, tokens: readonly IToken[], end: InputEnd): StartRules[R] {
  const inputEnd: InputEnd = rule === 'statement' ? end : { ...end, expected: 'end of input' };
  const result = runRule(rule, tokens);
  const error = sqlParser().errors[0];
  if (error !== undefined) throw syntaxErrorFor(error, tokens, inputEnd, oracleFor(rule));
  return result;
}

function runRule<R extends StartRule>(rule: R, tokens: readonly IToken[]): StartRules[R] {
  const parser = sqlParser();
  parser.input = [...tokens];
  const invoke: { [K in StartRule]: () => StartRules[K] } = {
    statement: () => parser.statement(),
    standaloneExpression: () => parser.standaloneExpression(),
    standaloneType: () => parser.standaloneType(),
  };
  return invoke[rule]();
}

function oracleFor(rule: StartRule): GrammarOracle {
  return {
    nextTokenTypes: (prefix) => sqlParser().computeContentAssist(rule, [...prefix]).map((path) => path.nextTokenType),
    isComplete: (prefix) => {
      try {
        runRule(rule, prefix);
        return sqlParser().errors.length === 0;
      } catch (error) {
        // A semantic check (an unknown type name, say) failed: the prefix is syntactically complete.
        if (error instanceof SqlSyntaxError) return true;
        throw error;
      }
    },
  };
}

