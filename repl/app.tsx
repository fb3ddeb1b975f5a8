/**
 * The interactive shell: finished output printed once with <Static>, below it a live area with the running
 * query's table and the prompt. State logic lives in state/ (pure); this component only wires keys to it.
 */
import { Box, Static, Text, useApp, useInput } from 'ink';
import { useCallback, useRef, useState } from 'react';
import { findCommand } from './commands/index.js';
import { LiveResultView } from './components/live-result-view.js';
import { OutputView } from './components/output-view.js';
import { CONTINUATION, PROMPT, PromptView } from './components/prompt-view.js';
import { runStatement, type ReplEngine } from './run-statement.js';
import { EMPTY_HISTORY, next, previous, remember, type History } from './state/history.js';
import {
  EMPTY_INPUT,
  backspace,
  bufferText,
  fromText,
  isEmpty,
  submitLine,
  typeText,
  type InputBuffer,
  type StatementSplitter,
} from './state/input-buffer.js';
import type { OutputItem, OutputTone } from './state/output.js';
import type { ResultTable } from './state/result-table.js';

export interface AppProps {
  readonly engine: ReplEngine;
  readonly split: StatementSplitter;
  readonly banner: readonly string[];
  readonly debug: boolean;
}

interface Cancellable {
  cancel(): Promise<void>;
}

export function App({ engine, split, banner, debug }: AppProps) {
  const { exit } = useApp();
  const nextId = useRef(1);
  const [items, setItems] = useState<OutputItem[]>([{ id: 0, tone: 'info', lines: banner }]);
  const [buffer, setBufferState] = useState<InputBuffer>(EMPTY_INPUT);
  const bufferRef = useRef<InputBuffer>(EMPTY_INPUT);
  const historyRef = useRef<History>(EMPTY_HISTORY);
  const [live, setLive] = useState<{ table: ResultTable; version: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const cancellable = useRef<Cancellable | null>(null);

  const setBuffer = (value: InputBuffer): void => {
    bufferRef.current = value;
    setBufferState(value);
  };

  const print = useCallback((tone: OutputTone, lines: readonly string[]) => {
    const id = nextId.current++;
    setItems((previousItems) => [...previousItems, { id, tone, lines }]);
  }, []);

  const quit = (): void => {
    void cancellable.current?.cancel();
    exit();
  };

  const runAll = async (statements: readonly string[]): Promise<void> => {
    busyRef.current = true;
    setBusy(true);
    const view = {
      print,
      showLive: (table: ResultTable | null) => setLive(table ? { table, version: table.changes } : null),
      setCancellable: (target: Cancellable | null) => {
        cancellable.current = target;
      },
    };
    for (const statement of statements) await runStatement(engine, statement, view, debug);
    busyRef.current = false;
    setBusy(false);
  };

  const submit = (): void => {
    const current = bufferRef.current;
    const command = current.lines.length === 0 ? findCommand(current.current) : null;
    if (command) {
      print('echo', [PROMPT + current.current]);
      historyRef.current = remember(historyRef.current, current.current);
      setBuffer(EMPTY_INPUT);
      const outcome = command.run();
      if (outcome.kind === 'exit') quit();
      else print('info', outcome.lines);
      return;
    }
    const submission = submitLine(current, split);
    setBuffer(submission.buffer);
    if (submission.statements.length === 0) return;
    const lines = bufferText(current).split('\n');
    print('echo', lines.map((line, index) => (index === 0 ? PROMPT : CONTINUATION) + line));
    if (submission.historyText !== null) historyRef.current = remember(historyRef.current, submission.historyText);
    void runAll(submission.statements);
  };

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      if (cancellable.current) void cancellable.current.cancel();
      else if (!isEmpty(bufferRef.current)) setBuffer(EMPTY_INPUT);
      else print('info', ['(To exit, press Ctrl-D or type quit)']);
      return;
    }
    if (key.ctrl && input === 'd') {
      if (isEmpty(bufferRef.current)) quit();
      return;
    }
    if (key.upArrow || key.downArrow) {
      const move = key.upArrow ? previous : next;
      const moved = move(historyRef.current, bufferText(bufferRef.current));
      historyRef.current = moved.history;
      setBuffer(fromText(moved.text));
      return;
    }
    if (key.return) {
      if (!busyRef.current) submit();
      return;
    }
    if (key.backspace || key.delete) {
      setBuffer(backspace(bufferRef.current));
      return;
    }
    if (key.ctrl || key.meta || key.escape || key.tab || input === '') return;
    // Pasted text can hold several lines: each line break acts as Enter.
    const pieces = input.split(/\r\n|\r|\n/);
    pieces.forEach((piece, index) => {
      setBuffer(typeText(bufferRef.current, piece));
      if (index < pieces.length - 1 && !busyRef.current) submit();
    });
  });

  return (
    <>
      <Static items={items}>{(item) => <OutputView key={item.id} item={item} />}</Static>
      <Box flexDirection="column">
        {live ? <LiveResultView table={live.table} /> : null}
        {busy && !live ? <Text color="gray">Running...</Text> : null}
        <PromptView buffer={buffer} active={!busy} />
      </Box>
    </>
  );
}
