/**
 * The REPL's multi-line input: finished lines plus the line being typed. A statement is complete at a `;`
 * outside quotes and comments (decided by the parser's statement splitter, passed in); until then Enter starts
 * a continuation line.
 */

export interface InputBuffer {
  readonly lines: readonly string[];
  readonly current: string;
}

export type StatementSplitter = (text: string) => { complete: string[]; rest: string };

export const EMPTY_INPUT: InputBuffer = { lines: [], current: '' };

export function isEmpty(buffer: InputBuffer): boolean {
  return buffer.lines.length === 0 && buffer.current === '';
}

export function bufferText(buffer: InputBuffer): string {
  return [...buffer.lines, buffer.current].join('\n');
}

/** The buffer showing `text` (e.g. a history entry), with the cursor at its end. */
export function fromText(text: string): InputBuffer {
  const lines = text.split('\n');
  const current = lines.pop() ?? '';
  return { lines, current };
}

export function typeText(buffer: InputBuffer, text: string): InputBuffer {
  return { lines: buffer.lines, current: buffer.current + text };
}

export function backspace(buffer: InputBuffer): InputBuffer {
  if (buffer.current !== '') return { lines: buffer.lines, current: [...buffer.current].slice(0, -1).join('') };
  if (buffer.lines.length === 0) return buffer;
  return { lines: buffer.lines.slice(0, -1), current: buffer.lines[buffer.lines.length - 1] ?? '' };
}

export interface Submission {
  /** What stays in the buffer (an unfinished statement, or nothing). */
  readonly buffer: InputBuffer;
  /** Complete statements to run, in order. */
  readonly statements: readonly string[];
  /** The submitted text for the history, when at least one statement completed. */
  readonly historyText: string | null;
}

/** Enter: completes the statements that end in this line and keeps the rest for the next line. */
export function submitLine(buffer: InputBuffer, split: StatementSplitter): Submission {
  const text = bufferText(buffer);
  const { complete, rest } = split(text);
  const statements = complete.map((statement) => statement.trim()).filter((statement) => statement !== '');
  if (complete.length === 0) {
    if (text.trim() === '') return { buffer: EMPTY_INPUT, statements: [], historyText: null };
    return { buffer: { lines: [...buffer.lines, buffer.current], current: '' }, statements: [], historyText: null };
  }
  const remaining = rest.trim() === '' ? EMPTY_INPUT : fromText(rest.replace(/^\s*\n/, ''));
  return { buffer: remaining, statements, historyText: text.trim() };
}
