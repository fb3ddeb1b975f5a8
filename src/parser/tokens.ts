/**
 * The SQL tokens (chevrotain token types). Keywords are case-insensitive and fall back to `Identifier` when a
 * longer word matches (`selection` is an identifier, not SELECT). Keywords in the `NonReservedKeyword` category
 * may also be used as unquoted identifiers (`key`, `comment`, `timestamp`, `time`, …); reserved keywords need
 * backquotes (`` `from` ``). Each token's `label` is how error messages name it.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

// ---------- layout: whitespace and comments (skipped) ----------

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /--[^\n\r]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

// ---------- literals and names ----------

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_$\u00C0-\uFFFF]*/,
  label: 'an identifier',
});
export const QuotedIdentifier = createToken({
  name: 'QuotedIdentifier',
  pattern: /`(?:[^`]|``)*`/,
  line_breaks: true,
  label: 'an identifier',
});
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /'(?:[^']|'')*'/,
  line_breaks: true,
  label: 'a string',
});
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  label: 'a number',
});

/**
 * Openings that never close: matched only when the complete forms above failed, so the lexer can report
 * "Unterminated …" at the opening character instead of a confusing error further on.
 */
export const UnterminatedBlockComment = createToken({
  name: 'UnterminatedBlockComment',
  pattern: /\/\*[\s\S]*/,
  line_breaks: true,
});
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /'[\s\S]*/, line_breaks: true });
export const UnterminatedQuotedIdentifier = createToken({
  name: 'UnterminatedQuotedIdentifier',
  pattern: /`[\s\S]*/,
  line_breaks: true,
});

// ---------- keywords ----------

/** The category of keywords that can also be used as unquoted identifiers. */
export const NonReservedKeyword = createToken({ name: 'NonReservedKeyword', pattern: Lexer.NA, label: 'an identifier' });

const keywordTokens: TokenType[] = [];

function keyword(word: string, options: { reserved: boolean; label?: string }): TokenType {
  const token = createToken({
    name: word,
    pattern: new RegExp(word.toLowerCase(), 'i'),
    longer_alt: Identifier,
    label: options.label ?? word,
    categories: options.reserved ? [] : [NonReservedKeyword],
  });
  keywordTokens.push(token);
  return token;
}

const reserved = (word: string, label?: string): TokenType =>
  keyword(word, label === undefined ? { reserved: true } : { reserved: true, label });
const nonReserved = (word: string, label?: string): TokenType =>
  keyword(word, label === undefined ? { reserved: false } : { reserved: false, label });

// Reserved: the words that structure a query. `GROUP` and `ORDER` are always followed by BY, so name them so.
export const Select = reserved('SELECT');
export const From = reserved('FROM');
export const Where = reserved('WHERE');
export const Group = reserved('GROUP', 'GROUP BY');
export const Order = reserved('ORDER', 'ORDER BY');
export const By = reserved('BY');
export const Having = reserved('HAVING');
export const Limit = reserved('LIMIT');
export const As = reserved('AS');
export const And = reserved('AND');
export const Or = reserved('OR');
export const Not = reserved('NOT');
export const Null = reserved('NULL');
export const True = reserved('TRUE');
export const False = reserved('FALSE');
export const Is = reserved('IS');
export const Case = reserved('CASE');
export const When = reserved('WHEN');
export const Then = reserved('THEN');
export const Else = reserved('ELSE');
export const End = reserved('END');
export const Cast = reserved('CAST');
export const Distinct = reserved('DISTINCT');
export const All = reserved('ALL');
export const Interval = reserved('INTERVAL');
export const Table = reserved('TABLE');
export const Create = reserved('CREATE');
export const Drop = reserved('DROP');
export const Insert = reserved('INSERT');
export const Into = reserved('INTO');
export const With = reserved('WITH');
export const For = reserved('FOR');
export const To = reserved('TO');
export const Join = reserved('JOIN');
export const On = reserved('ON');
export const Over = reserved('OVER');
export const WindowKeyword = reserved('WINDOW');
export const Union = reserved('UNION');
export const Intersect = reserved('INTERSECT');
export const Except = reserved('EXCEPT');
export const Between = reserved('BETWEEN');
export const Symmetric = reserved('SYMMETRIC');
export const Asymmetric = reserved('ASYMMETRIC');
export const In = reserved('IN');
export const Like = reserved('LIKE');
export const Similar = reserved('SIMILAR');
export const Escape = reserved('ESCAPE');
export const Inner = reserved('INNER');
export const Left = reserved('LEFT');
export const Right = reserved('RIGHT');
export const Full = reserved('FULL');
export const Outer = reserved('OUTER');
export const Cross = reserved('CROSS');
export const Lateral = reserved('LATERAL');
export const Unnest = reserved('UNNEST');
export const Using = reserved('USING');
export const Filter = reserved('FILTER');
export const ArrayKeyword = reserved('ARRAY');
export const MapKeyword = reserved('MAP');
export const TryCast = reserved('TRY_CAST');
export const Values = reserved('VALUES');

// Non-reserved: keywords only in the places that expect them.
export const Timestamp = nonReserved('TIMESTAMP');
export const View = nonReserved('VIEW');
export const Temporary = nonReserved('TEMPORARY');
export const If = nonReserved('IF');
export const Exists = nonReserved('EXISTS');
export const Comment = nonReserved('COMMENT');
export const Offset = nonReserved('OFFSET');
export const Fetch = nonReserved('FETCH');
export const Watermark = nonReserved('WATERMARK');
export const Primary = nonReserved('PRIMARY', 'PRIMARY KEY');
export const Key = nonReserved('KEY');
export const Enforced = nonReserved('ENFORCED');
export const Partition = nonReserved('PARTITION', 'PARTITION BY');
export const Explain = nonReserved('EXPLAIN');
export const Plan = nonReserved('PLAN');
export const Show = nonReserved('SHOW');
export const Tables = nonReserved('TABLES');
export const Describe = nonReserved('DESCRIBE');
export const Desc = nonReserved('DESC');
export const Asc = nonReserved('ASC');
export const SetKeyword = nonReserved('SET');
export const Reset = nonReserved('RESET');
export const Without = nonReserved('WITHOUT');
export const Time = nonReserved('TIME');
export const Zone = nonReserved('ZONE');
export const Precision = nonReserved('PRECISION');
export const DateKeyword = nonReserved('DATE');
export const Unknown = nonReserved('UNKNOWN');
export const Row = nonReserved('ROW');
export const Rows = nonReserved('ROWS');
export const Range = nonReserved('RANGE');
export const Unbounded = nonReserved('UNBOUNDED');
export const Preceding = nonReserved('PRECEDING');
export const Following = nonReserved('FOLLOWING');
export const Current = nonReserved('CURRENT');
export const Grouping = nonReserved('GROUPING');
export const Sets = nonReserved('SETS');
export const Rollup = nonReserved('ROLLUP');
export const Cube = nonReserved('CUBE');
export const SystemTime = nonReserved('SYSTEM_TIME');
export const Of = nonReserved('OF');
export const Both = nonReserved('BOTH');
export const Leading = nonReserved('LEADING');
export const Trailing = nonReserved('TRAILING');
export const Watermarks = nonReserved('WATERMARKS');
export const Jobs = nonReserved('JOBS');
export const Views = nonReserved('VIEWS');
export const Functions = nonReserved('FUNCTIONS');
export const Columns = nonReserved('COLUMNS');
export const FunctionKeyword = nonReserved('FUNCTION');
export const SystemKeyword = nonReserved('SYSTEM');
export const Language = nonReserved('LANGUAGE');
// Before USE, which would otherwise take the first three letters of USER.
export const UserKeyword = nonReserved('USER');
export const Use = nonReserved('USE');
export const Catalog = nonReserved('CATALOG');
export const Alter = nonReserved('ALTER');
export const Rename = nonReserved('RENAME');
export const Execute = nonReserved('EXECUTE');
export const StatementKeyword = nonReserved('STATEMENT');
export const Begin = nonReserved('BEGIN');
export const Metadata = nonReserved('METADATA');
export const Virtual = nonReserved('VIRTUAL');
export const Partitioned = nonReserved('PARTITIONED', 'PARTITIONED BY');
export const Including = nonReserved('INCLUDING');
export const Excluding = nonReserved('EXCLUDING');
export const Overwriting = nonReserved('OVERWRITING');
export const Ordinality = nonReserved('ORDINALITY');

// ---------- punctuation and operators (longest first) ----------

function punctuation(name: string, pattern: RegExp, text: string): TokenType {
  return createToken({ name, pattern, label: `'${text}'` });
}

export const NotEquals = punctuation('NotEquals', /<>/, '<>');
export const BangEquals = punctuation('BangEquals', /!=/, '!=');
export const LessOrEqual = punctuation('LessOrEqual', /<=/, '<=');
export const GreaterOrEqual = punctuation('GreaterOrEqual', />=/, '>=');
export const Arrow = punctuation('Arrow', /=>/, '=>');
export const Concat = punctuation('Concat', /\|\|/, '||');
export const Equals = punctuation('Equals', /=/, '=');
export const Less = punctuation('Less', /</, '<');
export const Greater = punctuation('Greater', />/, '>');
export const Plus = punctuation('Plus', /\+/, '+');
export const Minus = punctuation('Minus', /-/, '-');
export const Star = punctuation('Star', /\*/, '*');
export const Slash = punctuation('Slash', /\//, '/');
export const Percent = punctuation('Percent', /%/, '%');
export const LParen = punctuation('LParen', /\(/, '(');
export const RParen = punctuation('RParen', /\)/, ')');
export const Comma = punctuation('Comma', /,/, ',');
export const Dot = punctuation('Dot', /\./, '.');
export const Semicolon = punctuation('Semicolon', /;/, ';');
export const LBracket = punctuation('LBracket', /\[/, '[');
export const RBracket = punctuation('RBracket', /\]/, ']');
/** `?`, `{`, `}`, `|`: MATCH_RECOGNIZE pattern quantifiers (`B*?`, `A{2,3}`) and alternation (refused). */
export const Question = punctuation('Question', /\?/, '?');
export const LBrace = punctuation('LBrace', /\{/, '{');
export const RBrace = punctuation('RBrace', /\}/, '}');
export const Pipe = punctuation('Pipe', /\|/, '|');

/** `x'0AFF'`: a binary string literal (hex digits are checked by the parser). */
export const BinaryStringLiteral = createToken({
  name: 'BinaryStringLiteral',
  pattern: /[xX]'[^']*'/,
  label: 'a binary string',
});

/** Every token type, in lexing priority order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  BinaryStringLiteral,
  StringLiteral,
  UnterminatedString,
  QuotedIdentifier,
  UnterminatedQuotedIdentifier,
  NumberLiteral,
  NonReservedKeyword,
  // Longer keywords first, so that a keyword that is a prefix of another (AS, ASC) does not hide it.
  ...[...keywordTokens].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Identifier,
  NotEquals,
  BangEquals,
  LessOrEqual,
  GreaterOrEqual,
  Arrow,
  Concat,
  Equals,
  Less,
  Greater,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  Comma,
  Dot,
  Semicolon,
  LBracket,
  RBracket,
  Question,
  LBrace,
  RBrace,
  Pipe,
];

/** The reserved and non-reserved keywords, for "did you mean" hints. */
export const keywords: readonly TokenType[] = keywordTokens;
