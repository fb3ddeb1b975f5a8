/**
 * Splits typed-in text at `;` outside string literals, backquoted identifiers and comments (for the REPL,
 * which runs each complete statement and keeps the unfinished tail for the next line of input). The `;`s inside
 * `EXECUTE STATEMENT SET BEGIN … END` (and `BEGIN STATEMENT SET; … END`) belong to the statement set.
 */

export interface SplitStatements {
  /** Complete statements, trimmed, without their `;`; empty and comment-only statements are left out. */
  readonly complete: string[];
  /** The unfinished tail after the last `;` ('' when it is only whitespace). */
  readonly rest: string;
}

export function splitStatements(text: string): SplitStatements {
  const complete: string[] = [];
  let start = 0;
  let hasContent = false;
  const words = new StatementWords();
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const next = text[i + 1];
    if (char === "'" || char === '`') {
      i = skipQuoted(text, i, char);
      hasContent = true;
    } else if (char === '-' && next === '-') {
      const lineEnd = text.indexOf('\n', i);
      i = lineEnd === -1 ? text.length : lineEnd + 1;
    } else if (char === '/' && next === '*') {
      const commentEnd = text.indexOf('*/', i + 2);
      i = commentEnd === -1 ? text.length : commentEnd + 2;
    } else if (char === ';' && !words.insideStatementSet()) {
      if (hasContent) complete.push(text.slice(start, i).trim());
      start = i + 1;
      hasContent = false;
      words.reset();
      i++;
    } else if (char !== undefined && /[A-Za-z_]/.test(char)) {
      const end = wordEnd(text, i);
      words.add(text.slice(i, end).toUpperCase());
      hasContent = true;
      i = end;
    } else {
      if (char !== undefined && !/\s/.test(char)) hasContent = true;
      i++;
    }
  }
  const rest = text.slice(start);
  return { complete, rest: rest.trim() === '' ? '' : rest };
}

function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && /[A-Za-z0-9_$]/.test(text[i] ?? '')) i++;
  return i;
}

/** Tracks the words of the current statement: is it an open `[EXPLAIN [PLAN FOR]] [EXECUTE] STATEMENT SET BEGIN`? */
class StatementWords {
  private leading: string[] = [];
  private caseDepth = 0;
  private closed = false;

  add(word: string): void {
    if (this.leading.length < 7) this.leading.push(word);
    if (word === 'CASE') this.caseDepth++;
    else if (word === 'END') {
      if (this.caseDepth > 0) this.caseDepth--;
      else if (this.opensStatementSet()) this.closed = true;
    }
  }

  insideStatementSet(): boolean {
    return this.opensStatementSet() && !this.closed;
  }

  reset(): void {
    this.leading = [];
    this.caseDepth = 0;
    this.closed = false;
  }

  private opensStatementSet(): boolean {
    const words = this.leading.join(' ');
    return /^((EXPLAIN (PLAN FOR )?)?(EXECUTE )?STATEMENT SET BEGIN|BEGIN STATEMENT SET)\b/.test(words);
  }
}

/** The index just after the quoted run starting at `open` (doubled quotes are escapes), or the end of text. */
function skipQuoted(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}
