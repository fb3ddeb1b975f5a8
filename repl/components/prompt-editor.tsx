/**
 * The line editor: typing, cursor keys, history (Up/Down, Ctrl-R), Tab completion, and Enter, which hands complete
 * statements (or a meta command) to the shell. Editing logic is pure (state/, editor/); this wires keys to it.
 */
import { useInput } from 'ink';
import { useRef, useState } from 'react';
import { findCommand, type CommandCall } from '../commands/index.js';
import { complete, type CompletionSource } from '../editor/completion.js';
import { NEW_SEARCH, matchedEntry, searchFor, searchOlder, type ReverseSearch } from '../editor/reverse-search.js';
import { historyOf, next, previous, remember, type History } from '../state/history.js';
import * as edit from '../state/input-buffer.js';
import type { InputBuffer, StatementSplitter } from '../state/input-buffer.js';
import { CONTINUATION, PROMPT, PromptView } from './prompt-view.js';

export interface HistoryStore {
  load(): string[];
  append(entry: string): void;
}

export interface PromptEditorProps {
  readonly active: boolean;
  readonly split: StatementSplitter;
  readonly history: HistoryStore;
  readonly completion: CompletionSource;
  onStatements(statements: readonly string[], echo: readonly string[]): void;
  onCommand(call: CommandCall, echo: readonly string[]): void;
  onExit(): void;
  onNotice(lines: readonly string[]): void;
}

interface EditorState {
  readonly buffer: InputBuffer;
  readonly history: History;
  readonly search: ReverseSearch | null;
  readonly completions: readonly string[];
}

export function PromptEditor(props: PromptEditorProps) {
  const stateRef = useRef<EditorState | null>(null);
  stateRef.current ??= { buffer: edit.EMPTY_INPUT, history: historyOf(props.history.load()), search: null, completions: [] };
  const [, setVersion] = useState(0);
  const propsRef = useRef(props);
  propsRef.current = props;

  const update = (change: Partial<EditorState>): void => {
    stateRef.current = { ...(stateRef.current as EditorState), completions: [], ...change };
    setVersion((version) => version + 1);
  };
  const state = (): EditorState => stateRef.current as EditorState;

  const submit = (): void => {
    const { buffer, history } = state();
    const { split, onCommand, onStatements } = propsRef.current;
    const echo = edit.bufferText(buffer).split('\n').map((line, index) => (index === 0 ? PROMPT : CONTINUATION) + line);
    const call = buffer.lines.length === 0 ? findCommand(buffer.current) : null;
    if (call) {
      update({ buffer: edit.EMPTY_INPUT, history: record(history, buffer.current) });
      onCommand(call, echo);
      return;
    }
    const submission = edit.submitLine(buffer, split);
    const nextHistory = submission.historyText === null ? history : record(history, submission.historyText);
    update({ buffer: submission.buffer, history: nextHistory });
    if (submission.statements.length > 0) onStatements(submission.statements, echo);
  };

  const record = (history: History, text: string): History => {
    const updated = remember(history, text);
    if (updated.entries.length !== history.entries.length || updated.entries.at(-1) !== history.entries.at(-1)) {
      propsRef.current.history.append(text.trim());
    }
    return updated;
  };

  const tab = (): void => {
    const { buffer } = state();
    const before = buffer.current.slice(0, buffer.cursor);
    const found = complete(before, edit.bufferText(buffer), propsRef.current.completion);
    if (found.candidates.length === 0) return;
    const current = buffer.current.slice(0, found.start) + found.replacement + buffer.current.slice(buffer.cursor);
    const cursor = found.start + found.replacement.length;
    update({
      buffer: { lines: buffer.lines, current, cursor },
      completions: found.candidates.length > 1 && found.replacement === found.prefix ? found.candidates : [],
    });
  };

  useInput(
    (input, key) => {
      const { buffer, history, search } = state();
      if (search) {
        if (key.ctrl && input === 'r') return update({ search: searchOlder(search, history) });
        if ((key.ctrl && (input === 'c' || input === 'g')) || (key.ctrl && input === 'd')) return update({ search: null });
        if (key.return || key.escape || key.leftArrow || key.rightArrow || key.tab) {
          const found = matchedEntry(search, history);
          update({ search: null, buffer: found === '' ? buffer : edit.fromText(found) });
          if (key.return) submit();
          return;
        }
        if (key.backspace || key.delete) return update({ search: searchFor(search, history, [...search.query].slice(0, -1).join('')) });
        if (!key.ctrl && !key.meta && input !== '') return update({ search: searchFor(search, history, search.query + input) });
        return;
      }
      if (key.ctrl) {
        switch (input) {
          case 'c':
            if (edit.isEmpty(buffer)) propsRef.current.onNotice(['(To exit, press Ctrl-D or type quit)']);
            return update({ buffer: edit.EMPTY_INPUT });
          case 'd':
            if (edit.isEmpty(buffer)) return propsRef.current.onExit();
            return update({ buffer: edit.deleteForward(buffer) });
          case 'r':
            return update({ search: NEW_SEARCH });
          case 'a':
            return update({ buffer: edit.moveCursor(buffer, 'home') });
          case 'e':
            return update({ buffer: edit.moveCursor(buffer, 'end') });
          case 'u':
            return update({ buffer: edit.killToStart(buffer) });
          case 'k':
            return update({ buffer: edit.killToEnd(buffer) });
          case 'w':
            return update({ buffer: edit.deleteWordBefore(buffer) });
          default:
            return;
        }
      }
      if (key.upArrow || key.downArrow) {
        const moved = (key.upArrow ? previous : next)(history, edit.bufferText(buffer));
        return update({ history: moved.history, buffer: edit.fromText(moved.text) });
      }
      if (key.leftArrow || key.rightArrow) return update({ buffer: edit.moveCursor(buffer, wordOrChar(key.leftArrow, key.meta)) });
      if (key.home || key.end) return update({ buffer: edit.moveCursor(buffer, key.home ? 'home' : 'end') });
      if (key.tab) return tab();
      if (key.return) return submit();
      if (key.backspace || key.delete) return update({ buffer: edit.backspace(buffer) });
      if (key.meta || key.escape || input === '') return;
      // Pasted text can hold several lines: each line break acts as Enter.
      const pieces = input.split(/\r\n|\r|\n/);
      pieces.forEach((piece, index) => {
        update({ buffer: edit.typeText(state().buffer, piece.replace(/\t/g, '  ')) });
        if (index < pieces.length - 1) submit();
      });
    },
    { isActive: props.active },
  );

  const current = state();
  const found = current.search ? matchedEntry(current.search, current.history) : '';
  return (
    <PromptView
      buffer={current.buffer}
      active={props.active}
      search={current.search ? { query: current.search.query, found: current.search.match === null ? null : found } : null}
      completions={current.completions}
    />
  );
}

function wordOrChar(left: boolean, word: boolean): edit.CursorMove {
  if (word) return left ? 'word-left' : 'word-right';
  return left ? 'left' : 'right';
}
