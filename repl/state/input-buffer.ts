/**
 * The shell's multi-line input: finished lines plus the line being edited, with a cursor in it. A statement is
 * complete at a `;` outside quotes and comments (decided by the parser's statement splitter, passed in); until
 * then Enter starts a continuation line. Pure: every edit returns a new buffer.
 */

export interface InputBuffer {
  readonly lines: readonly string[];
  readonly current: string;
  /** Offset of the cursor in `current` (UTF-16 units, always at a code point boundary). */
  readonly cursor: number;
}

export type StatementSplitter = (text: string) => { complete: string[]; rest: string };

export const EMPTY_INPUT: InputBuffer = { lines: [], current: '', cursor: 0 };

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
  return { lines, current, cursor: current.length };
}

export function typeText(buffer: InputBuffer, text: string): InputBuffer {
  const { current, cursor } = buffer;
  return { lines: buffer.lines, current: current.slice(0, cursor) + text + current.slice(cursor), cursor: cursor + text.length };
}

export function backspace(buffer: InputBuffer): InputBuffer {
  const { current, cursor } = buffer;
  if (cursor > 0) {
    const before = [...current.slice(0, cursor)].slice(0, -1).join('');
    return { lines: buffer.lines, current: before + current.slice(cursor), cursor: before.length };
  }
  if (buffer.lines.length === 0) return buffer;
  const previous = buffer.lines[buffer.lines.length - 1] ?? '';
  return { lines: buffer.lines.slice(0, -1), current: previous + current, cursor: previous.length };
}

export function deleteForward(buffer: InputBuffer): InputBuffer {
  const { current, cursor } = buffer;
  const after = [...current.slice(cursor)].slice(1).join('');
  return { ...buffer, current: current.slice(0, cursor) + after };
}

export type CursorMove = 'left' | 'right' | 'home' | 'end' | 'word-left' | 'word-right';

export function moveCursor(buffer: InputBuffer, move: CursorMove): InputBuffer {
  const { current, cursor } = buffer;
  switch (move) {
    case 'left':
      return { ...buffer, cursor: cursor === 0 ? 0 : cursor - ([...current.slice(0, cursor)].at(-1)?.length ?? 1) };
    case 'right':
      return { ...buffer, cursor: Math.min(current.length, cursor + ([...current.slice(cursor)][0]?.length ?? 0)) };
    case 'home':
      return { ...buffer, cursor: 0 };
    case 'end':
      return { ...buffer, cursor: current.length };
    case 'word-left':
      return { ...buffer, cursor: current.slice(0, cursor).replace(/\w*\W*$/, '').length };
    case 'word-right':
      return { ...buffer, cursor: current.length - current.slice(cursor).replace(/^\W*\w*/, '').length };
  }
}

/** Ctrl-U: deletes from the start of the line to the cursor. */
export function killToStart(buffer: InputBuffer): InputBuffer {
  return { ...buffer, current: buffer.current.slice(buffer.cursor), cursor: 0 };
}

/** Ctrl-K: deletes from the cursor to the end of the line. */
export function killToEnd(buffer: InputBuffer): InputBuffer {
  return { ...buffer, current: buffer.current.slice(0, buffer.cursor) };
}

/** Ctrl-W: deletes the word before the cursor. */
export function deleteWordBefore(buffer: InputBuffer): InputBuffer {
  const before = buffer.current.slice(0, buffer.cursor).replace(/\S*\s*$/, '');
  return { ...buffer, current: before + buffer.current.slice(buffer.cursor), cursor: before.length };
}

export interface Submission {
  /** What stays in the buffer (an unfinished statement, or nothing). */
  readonly buffer: InputBuffer;
  /** Complete statements to run, in order. */
  readonly statements: readonly string[];
  /** The submitted text for the history, when at least one statement completed. */
  readonly historyText: string | null;
}

/** Enter: completes the statements that end in this buffer and keeps the rest for the next line. */
export function submitLine(buffer: InputBuffer, split: StatementSplitter): Submission {
  const text = bufferText(buffer);
  const { complete, rest } = split(text);
  const statements = complete.map((statement) => statement.trim()).filter((statement) => statement !== '');
  if (complete.length === 0) {
    if (text.trim() === '') return { buffer: EMPTY_INPUT, statements: [], historyText: null };
    return { buffer: { lines: [...buffer.lines, buffer.current], current: '', cursor: 0 }, statements: [], historyText: null };
  }
  const remaining = rest.trim() === '' ? EMPTY_INPUT : fromText(rest.replace(/^\s*\n/, ''));
  return { buffer: remaining, statements, historyText: text.trim() };
}
