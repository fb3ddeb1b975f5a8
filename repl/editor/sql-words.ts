/** Words the editor knows without asking the engine: SQL keywords (highlighted, completed) and function names. */

export const SQL_KEYWORDS: readonly string[] = [
  'ADD', 'ALL', 'ALTER', 'AND', 'AS', 'ASC', 'BETWEEN', 'BIGINT', 'BOOLEAN', 'BY', 'CASE', 'CAST', 'CATALOG', 'CHAR',
  'COLUMNS', 'CREATE', 'CROSS', 'CUBE', 'DATABASE', 'DATE', 'DAY', 'DECIMAL', 'DESC', 'DESCRIBE', 'DESCRIPTOR',
  'DISTINCT', 'DOUBLE', 'DROP', 'ELSE', 'END', 'EXECUTE', 'EXISTS', 'EXPLAIN', 'FALSE', 'FETCH', 'FLOAT', 'FOR', 'FROM',
  'FULL', 'FUNCTION', 'FUNCTIONS', 'GROUP', 'GROUPING', 'HAVING', 'HOUR', 'IF', 'IN', 'INNER', 'INSERT', 'INT',
  'INTEGER', 'INTERVAL', 'INTO', 'IS', 'JOBS', 'JOIN', 'KEY', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MINUTE', 'MONTH',
  'NOT', 'NULL', 'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'OVERWRITE', 'PARTITION', 'PARTITIONED', 'PRIMARY',
  'RESET', 'RIGHT', 'ROLLUP', 'ROW', 'ROWS', 'SECOND', 'SELECT', 'SET', 'SETS', 'SHOW', 'SMALLINT', 'STATEMENT',
  'STOP', 'STRING', 'TABLE', 'TABLES', 'TEMPORARY', 'THEN', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'TINYINT', 'TO',
  'TRUE', 'UNION', 'UNNEST', 'USE', 'VALUES', 'VARCHAR', 'VIEW', 'VIEWS', 'WATERMARK', 'WATERMARKS', 'WHEN', 'WHERE', 'WINDOW',
  'WITH', 'YEAR', 'JOB', 'SOURCE', 'ENFORCED', 'METADATA', 'VIRTUAL', 'ZONE', 'LOCAL', 'ORDINALITY',
  'MATCH_RECOGNIZE', 'MEASURES', 'PATTERN', 'DEFINE', 'WITHIN', 'AFTER', 'SKIP',
];

export const SQL_FUNCTIONS: readonly string[] = [
  'ABS', 'AVG', 'CEIL', 'CHAR_LENGTH', 'COALESCE', 'CONCAT', 'CONCAT_WS', 'COUNT', 'CUMULATE', 'CURRENT_TIMESTAMP',
  'CURRENT_WATERMARK', 'DATE_FORMAT', 'EXTRACT', 'FLOOR', 'FROM_UNIXTIME', 'HOP', 'IF', 'LOWER', 'MAX', 'MIN', 'MOD',
  'NOW', 'NULLIF', 'POWER', 'PROCTIME', 'REGEXP_EXTRACT', 'REPLACE', 'ROUND', 'SESSION', 'SQRT', 'SUBSTRING', 'SUM',
  'TIMESTAMPADD', 'TIMESTAMPDIFF', 'TO_TIMESTAMP', 'TRIM', 'TUMBLE', 'UNIX_TIMESTAMP', 'UPPER', 'MATCH_ROWTIME',
  'MATCH_PROCTIME',
];

/** Keys the shell itself understands in SET (besides the engine's own settings). */
export const SHELL_SETTING_KEYS: readonly string[] = ['sql-client.execution.result-mode'];

const KEYWORD_SET: ReadonlySet<string> = new Set(SQL_KEYWORDS);

export function isKeyword(word: string): boolean {
  return KEYWORD_SET.has(word.toUpperCase());
}
