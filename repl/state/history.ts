/**
 * Input history for the REPL (in memory): up/down walk through earlier submissions; the text being typed is
 * kept as a draft and comes back when walking past the newest entry.
 */

export interface History {
  readonly entries: readonly string[];
  /** Index into entries while browsing; entries.length when not browsing. */
  readonly position: number;
  readonly draft: string;
}

export const EMPTY_HISTORY: History = { entries: [], position: 0, draft: '' };

const MAX_ENTRIES = 500;

export function remember(history: History, text: string): History {
  const trimmed = text.trim();
  if (trimmed === '' || history.entries[history.entries.length - 1] === trimmed) {
    return { entries: history.entries, position: history.entries.length, draft: '' };
  }
  const entries = [...history.entries, trimmed].slice(-MAX_ENTRIES);
  return { entries, position: entries.length, draft: '' };
}

/** Moves to the previous entry; returns the new history and the text to show. */
export function previous(history: History, currentText: string): { history: History; text: string } {
  if (history.position === 0) return { history, text: currentText };
  const draft = history.position === history.entries.length ? currentText : history.draft;
  const position = history.position - 1;
  return { history: { entries: history.entries, position, draft }, text: history.entries[position] ?? '' };
}

export function next(history: History, currentText: string): { history: History; text: string } {
  if (history.position >= history.entries.length) return { history, text: currentText };
  const position = history.position + 1;
  const text = position === history.entries.length ? history.draft : (history.entries[position] ?? '');
  return { history: { entries: history.entries, position, draft: history.draft }, text };
}
