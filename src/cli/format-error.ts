/**
 * How the CLI reports an error: `Error: job.sql: Unknown column 'pric' at 3:10 (did you mean 'price'?)`.
 * The source name is added only when the error points into the SQL text. Stacks are shown for internal
 * errors (a bug in Sluice) and, for every error, when SLUICE_DEBUG=1.
 */
import { isSluiceError } from '../common/errors.js';

export interface ErrorReportOptions {
  /** Where the SQL came from, e.g. `job.sql` or `<stdin>`; omitted for `-e`. */
  readonly sourceName?: string;
  readonly debug: boolean;
}

export const BUG_NOTICE = 'This is a bug in Sluice, please report it at https://github.com/sluice-sql/sluice/issues.';

export function formatError(error: unknown, options: ErrorReportOptions): string[] {
  const lines: string[] = [];
  if (isSluiceError(error)) {
    const prefix = error.position && options.sourceName ? `${options.sourceName}: ` : '';
    lines.push(`Error: ${prefix}${error.message}`);
    if (error.kind === 'internal') lines.push(BUG_NOTICE);
    if ((error.kind === 'internal' || options.debug) && error.stack) lines.push(error.stack);
    return lines;
  }
  if (error instanceof Error) {
    lines.push(`Error: ${error.message}`);
    // Anything that is not a SluiceError escaped the engine's error handling: that is a bug too.
    lines.push(BUG_NOTICE);
    if (error.stack) lines.push(error.stack);
    return lines;
  }
  lines.push(`Error: ${String(error)}`);
  return lines;
}
