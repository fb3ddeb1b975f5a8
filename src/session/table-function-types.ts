/** The embedded API's types for user-defined table functions (`engine.registerTableFunction`). */
import type { ResultValue } from './api-types.js';

/**
 * One row a table function produces: its columns by name. A column left out is NULL; other properties are ignored.
 * Values are given as in-process table rows take them (BIGINT as bigint, number or string; DECIMAL as string,
 * bigint or number; TIMESTAMP as 'yyyy-MM-dd HH:mm:ss[.SSS]', Date or epoch milliseconds; …).
 */
export type TableFunctionRow = Readonly<Record<string, unknown>>;

/**
 * A user-defined table function, used in FROM as `LATERAL TABLE(name(…))`:
 *
 * ```ts
 * engine.registerTableFunction('split_words', {
 *   parameters: ['STRING'],
 *   returns: { word: 'STRING', length: 'INT' },
 *   *eval(text) {
 *     if (text === null) return;
 *     for (const word of (text as string).split(' ')) yield { word, length: word.length };
 *   },
 * });
 * // SELECT t.s, w.word FROM t, LATERAL TABLE(split_words(t.s)) AS w(word, len)
 * // SELECT t.s, word FROM t LEFT JOIN LATERAL TABLE(split_words(t.s)) ON TRUE
 * ```
 */
export interface TableFunctionDefinition {
  /** The parameters' SQL types, in order, as written in DDL (`'STRING'`, `'DECIMAL(10, 2)'`, `'ARRAY<INT>'`). */
  readonly parameters: readonly string[];
  /**
   * The produced rows' columns and their SQL types, in column order: `{ word: 'STRING', length: 'INT' }`. The
   * names are the columns' default names in SQL (an alias `AS t(a, b)` renames them).
   */
  readonly returns: Readonly<Record<string, string>>;
  /**
   * Called once per input row with the arguments as result values (NULL as null; BIGINT as bigint, DECIMAL and
   * TIMESTAMP as strings, …); returns the rows to join with the input row, usually by being a generator
   * (`*eval(…) { yield { … } }`), or any iterable (an array). Producing nothing drops the input row from a
   * `CROSS JOIN` / comma join and NULL-pads it in a `LEFT JOIN … ON TRUE`. A throw fails the job with an error
   * naming the function, the SQL position of the call and the input row's position; so does a value that is not
   * of its column's type.
   */
  readonly eval: (...args: ResultValue[]) => Iterable<TableFunctionRow>;
}
