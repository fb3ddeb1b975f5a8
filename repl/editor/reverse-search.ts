/**
 * Ctrl-R: incremental reverse search through the history, as in bash. Typing narrows the search (keeping the
 * current match while it still matches), Ctrl-R again finds the next older match. Pure.
 */
import { searchBackward, type History } from '../state/history.js';

export interface ReverseSearch {
  readonly query: string;
  /** Index of the matching history entry; null when nothing matches (yet). */
  readonly match: number | null;
}

export const NEW_SEARCH: ReverseSearch = { query: '', match: null };

export function searchFor(search: ReverseSearch, history: History, query: string): ReverseSearch {
  if (query === '') return { query, match: null };
  // Search from the current match (inclusive), else from the newest entry.
  const from = search.match === null ? history.entries.length : search.match + 1;
  return { query, match: searchBackward(history, query, from) ?? searchBackward(history, query, history.entries.length) };
}

export function searchOlder(search: ReverseSearch, history: History): ReverseSearch {
  if (search.query === '') return search;
  const from = search.match ?? history.entries.length;
  return { query: search.query, match: searchBackward(history, search.query, from) ?? search.match };
}

export function matchedEntry(search: ReverseSearch, history: History): string {
  return search.match === null ? '' : (history.entries[search.match] ?? '');
}
