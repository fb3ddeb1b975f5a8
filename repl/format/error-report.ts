/**
 * How the shell reports a failed statement: the message, the statement line with a caret under the position the
 * error points at, and the hint on its own line:
 *
 *   Error: Unknown column 'pric' at 1:8
 *     SELECT pric FROM bids
 *            ^
 *   Hint: did you mean 'price'?
 */
import { formatError } from '../../src/cli/format-error.js';
import { isSluiceError } from '../../src/index.js';

export function errorReport(error: unknown, statement: string | null, debug: boolean): string[] {
  if (!isSluiceError(error) || !error.position || statement === null) return formatError(error, { debug });
  const { line, column } = error.position;
  const text = statement.split(/\r?\n/)[line - 1];
  if (text === undefined) return formatError(error, { debug });
  // Keep tabs under tabs so the caret lines up whatever the terminal's tab width.
  const gap = [...text].slice(0, Math.max(0, column - 1)).map((char) => (char === '\t' ? '\t' : ' ')).join('');
  const lines = [`Error: ${error.detail} at ${line}:${column}`, `  ${text}`, `  ${gap}^`];
  if (error.hint) lines.push(`Hint: ${error.hint}`);
  if (debug && error.stack) lines.push(error.stack);
  return lines;
}
