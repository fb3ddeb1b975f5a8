/**
 * Helpers for running a script's statements one at a time while keeping error positions relative to the
 * whole file: each statement is padded with the blank shape (newlines and spaces) of the text before it.
 */

export interface LocatedStatement {
  readonly text: string;
  /** Character offset of `text` inside the script. */
  readonly offset: number;
}

/** Finds each statement (in order) inside the script it was split from. */
export function locateStatements(script: string, statements: readonly string[]): LocatedStatement[] {
  const located: LocatedStatement[] = [];
  let cursor = 0;
  for (const statement of statements) {
    const text = statement.trim();
    const found = script.indexOf(text, cursor);
    const offset = found === -1 ? cursor : found;
    located.push({ text, offset });
    if (found !== -1) cursor = found + text.length;
  }
  return located;
}

/** The statement preceded by blanks that keep its lines and columns where they are in the script. */
export function withOriginalPosition(script: string, statement: LocatedStatement): string {
  const before = script.slice(0, statement.offset).replace(/[^\n]/g, ' ');
  return before + statement.text;
}

/** The first keyword of a statement, upper-cased, skipping whitespace, comments and opening parentheses. */
export function leadingKeyword(statement: string): string {
  let rest = statement;
  for (;;) {
    const trimmed = rest.replace(/^[\s(]+/, '');
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      rest = end === -1 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      rest = end === -1 ? '' : trimmed.slice(end + 2);
    } else {
      rest = trimmed;
      break;
    }
  }
  const match = /^[A-Za-z_]+/.exec(rest);
  return match ? match[0].toUpperCase() : '';
}

/** INSERT and SELECT (including WITH … SELECT) start jobs; everything else is DDL, SET, SHOW, … */
export function startsJob(statement: string): boolean {
  const keyword = leadingKeyword(statement);
  // EXECUTE STATEMENT SET … END and BEGIN STATEMENT SET; … END: one job with several INSERTs.
  return keyword === 'INSERT' || keyword === 'SELECT' || keyword === 'WITH' || keyword === 'VALUES' || keyword === 'EXECUTE' || keyword === 'BEGIN';
}
