/**
 * Input history: up/down walk through earlier submissions (the text being typed is kept as a draft and comes back
 * when walking past the newest entry), and Ctrl-R searches it backwards. Pure; history-file.ts persists it.
 */

export interface History {
  readonly entries: readonly string[];
  /** Index into entries while browsing; entries.length when not browsing. */
  readonly position: number;
  readonly draft: string;
}

export const EMPTY_HISTORY: History = { entries: [], position: 0, draft: '' };

export const MAX_HISTORY_ENTRIES = 1000;

export function historyOf(entries: readonly string[]): History {
  const kept = entries.slice(-MAX_HISTORY_ENTRIES);
  return { entries: kept, position: kept.length, draft: '' };
}

/** Adds an entry (skipping blanks and an immediate repeat); returns the history and whether it was added. */
export function remember(history: History, text: string): History {
  const trimmed = text.trim();
  if (trimmed === '' || history.entries[history.entries.length - 1] === trimmed) {
    return { entries: history.entries, position: history.entries.length, draft: '' };
  }
  return historyOf([...history.entries, trimmed]);
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

/**
 * Ctrl-R: the newest entry before index `before` that contains `query` (case-insensitive); null when none.
 * Pass entries.length to search from the newest.
 */
export function searchBackward(history: History, query: string, before: number): number | null {
  const needle = query.toLowerCase();
  for (let index = Math.min(before, history.entries.length) - 1; index >= 0; index -= 1) {
    if ((history.entries[index] ?? '').toLowerCase().includes(needle)) return index;
  }
  return null;
}
