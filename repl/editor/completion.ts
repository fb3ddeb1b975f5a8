/**
 * Tab completion from the live catalog: table names after FROM/JOIN/INTO/TABLE/DESCRIBE, SET keys inside
 * `SET '…`, result modes after `\mode`, and otherwise the columns of the tables the statement names, keywords,
 * functions and tables. Keywords follow the case of what was typed. Pure: the catalog comes in as functions.
 */
import { SQL_FUNCTIONS, SQL_KEYWORDS } from './sql-words.js';

export interface CompletionSource {
  tables(): readonly string[];
  columns(table: string): readonly string[];
  settingKeys(): readonly string[];
  commands(): readonly string[];
}

export interface Completion {
  /** Offset in the text before the cursor where the completed word starts. */
  readonly start: number;
  /** What was typed of it. */
  readonly prefix: string;
  /** Every match, sorted; empty when nothing matches. */
  readonly candidates: readonly string[];
  /** The text that replaces the prefix: the only candidate, or the longest prefix all candidates share. */
  readonly replacement: string;
}

const TABLE_CONTEXT = /\b(FROM|JOIN|INTO|TABLE|DESCRIBE|DESC|VIEW)\s+$/i;

export function complete(beforeCursor: string, wholeText: string, source: CompletionSource): Completion {
  const setKey = /\bSET\s+'([^']*)$/i.exec(beforeCursor);
  if (setKey) return result(beforeCursor.length - (setKey[1] ?? '').length, setKey[1] ?? '', source.settingKeys(), false);

  const command = /^\s*(\\[a-z?]*)$/i.exec(beforeCursor);
  if (command) return result(beforeCursor.length - (command[1] ?? '').length, command[1] ?? '', source.commands(), false);
  const modeArgument = /^\s*\\mode\s+(\w*)$/i.exec(beforeCursor);
  if (modeArgument) return result(beforeCursor.length - (modeArgument[1] ?? '').length, modeArgument[1] ?? '', ['table', 'changelog', 'tableau'], false);

  const word = /[A-Za-z_][\w$]*$/.exec(beforeCursor);
  const prefix = word ? word[0] : '';
  const start = beforeCursor.length - prefix.length;
  const before = beforeCursor.slice(0, start);
  const tables = source.tables();
  if (TABLE_CONTEXT.test(before)) return result(start, prefix, tables, false);
  if (/\.$/.test(before)) {
    // `b.pr` or `bids.pr`: columns of the tables in the statement (aliases are not resolved).
    return result(start, prefix, columnsOf(mentionedTables(wholeText, tables), source), false);
  }
  const columns = columnsOf(mentionedTables(wholeText, tables), source);
  const words = [...columns, ...tables, ...SQL_FUNCTIONS, ...SQL_KEYWORDS];
  return result(start, prefix, words, true);
}

function mentionedTables(text: string, tables: readonly string[]): string[] {
  const words = new Set((text.match(/[A-Za-z_][\w$]*/g) ?? []).map((word) => word.toLowerCase()));
  return tables.filter((table) => words.has(table.toLowerCase()));
}

function columnsOf(tables: readonly string[], source: CompletionSource): string[] {
  const columns: string[] = [];
  for (const table of tables) {
    try {
      columns.push(...source.columns(table));
    } catch {
      // A table dropped meanwhile: nothing to offer from it.
    }
  }
  return columns;
}

function result(start: number, prefix: string, words: readonly string[], adaptCase: boolean): Completion {
  const lower = prefix.toLowerCase();
  const typedLowerCase = prefix !== '' && prefix === lower;
  const seen = new Set<string>();
  const candidates: string[] = [];
  for (const word of words) {
    if (!word.toLowerCase().startsWith(lower)) continue;
    const shown = adaptCase && typedLowerCase && /^[A-Z_]+$/.test(word) && isSqlWord(word) ? word.toLowerCase() : word;
    if (seen.has(shown)) continue;
    seen.add(shown);
    candidates.push(shown);
  }
  candidates.sort((a, b) => a.localeCompare(b));
  const replacement = candidates.length === 1 ? (candidates[0] ?? prefix) : longestCommonPrefix(candidates, prefix);
  return { start, prefix, candidates, replacement };
}

const SQL_WORDS: ReadonlySet<string> = new Set([...SQL_KEYWORDS, ...SQL_FUNCTIONS]);

function isSqlWord(word: string): boolean {
  return SQL_WORDS.has(word);
}

/** The longest prefix every candidate shares (case-insensitively), spelled as typed; at least the typed prefix. */
function longestCommonPrefix(candidates: readonly string[], prefix: string): string {
  const first = candidates[0];
  if (first === undefined) return prefix;
  let length = first.length;
  for (const candidate of candidates) {
    let same = 0;
    while (same < length && same < candidate.length && candidate[same]?.toLowerCase() === first[same]?.toLowerCase()) same += 1;
    length = same;
  }
  return length <= prefix.length ? prefix : prefix + first.slice(prefix.length, length);
}
