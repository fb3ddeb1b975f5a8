/**
 * The interactive shell: finished output printed once with <Static>; below it either the running query's live view
 * or the prompt. Behaviour lives in ShellSession (no screen) and the editor; this component wires them together.
 */
import { Box, Static, Text, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { commandNames, type CommandCall } from './commands/index.js';
import type { CompletionSource } from './editor/completion.js';
import { SHELL_SETTING_KEYS } from './editor/sql-words.js';
import { LiveQueryView } from './components/live-query-view.js';
import { OutputView } from './components/output-view.js';
import { PromptEditor, type HistoryStore } from './components/prompt-editor.js';
import type { LiveQuery } from './live/live-query.js';
import { ShellSession } from './session/shell-session.js';
import type { ShellEngine } from './shell-engine.js';
import type { StatementSplitter } from './state/input-buffer.js';
import type { OutputItem, OutputTone } from './state/output.js';

export interface AppProps {
  readonly engine: ShellEngine;
  readonly split: StatementSplitter;
  readonly banner: readonly string[];
  readonly debug: boolean;
  readonly history: HistoryStore;
  /** Lets main.tsx route the print connector's lines into the shell's output instead of over the screen. */
  readonly connectPrintLine?: (printLine: (line: string) => void) => void;
}

export function App({ engine, split, banner, debug, history, connectPrintLine }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const nextId = useRef(1);
  const [items, setItems] = useState<OutputItem[]>([{ id: 0, tone: 'info', lines: banner }]);
  const [live, setLive] = useState<{ query: LiveQuery; version: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [, setRefreshVersion] = useState(0);

  const print = useCallback((tone: OutputTone, lines: readonly string[]) => {
    const id = nextId.current++;
    setItems((previous) => [...previous, { id, tone, lines }]);
  }, []);

  const session = useMemo(
    () =>
      new ShellSession(
        engine,
        {
          print,
          showLive: (query) => setLive((previous) => (query ? { query, version: (previous?.version ?? 0) + 1 } : null)),
          screen: () => ({ rows: stdout.rows > 0 ? stdout.rows : 24, columns: stdout.columns > 0 ? stdout.columns : 80 }),
        },
        debug,
      ),
    [engine, print, stdout, debug],
  );

  useEffect(() => connectPrintLine?.((line) => print('data', [line])), [connectPrintLine, print]);

  const completion = useMemo<CompletionSource>(
    () => ({
      tables: () => engine.tableNames(),
      columns: (table) => engine.describeTable(table).map((column) => column.name),
      settingKeys: () => [...Object.keys(engine.settings()), ...SHELL_SETTING_KEYS],
      commands: () => commandNames(),
    }),
    [engine],
  );

  /** Work runs one piece at a time, in the order submitted (a paste can submit while a statement runs). */
  const enqueue = (work: () => Promise<void>): void => {
    setBusy(true);
    queue.current = queue.current
      .then(work)
      .catch((error: unknown) => print('error', [`Error: ${error instanceof Error ? error.message : String(error)}`]))
      .finally(() => setBusy(false));
  };

  const quit = (): void => {
    session.interrupt();
    exit();
  };

  const onStatements = (statements: readonly string[], echo: readonly string[]): void => {
    print('echo', echo);
    enqueue(() => session.runStatements(statements));
  };

  const onCommand = (call: CommandCall, echo: readonly string[]): void => {
    print('echo', echo);
    enqueue(async () => {
      if (await session.runCommand(call)) quit();
    });
  };

  return (
    <>
      <Static items={items}>{(item) => <OutputView key={item.id} item={item} />}</Static>
      <Box flexDirection="column">
        {live ? (
          <LiveQueryView
            query={live.query}
            version={live.version}
            refreshMs={session.refreshMs}
            onStop={() => session.interrupt()}
            onRefreshChange={(slower) => {
              session.changeRefresh(slower);
              setRefreshVersion((version) => version + 1);
            }}
          />
        ) : null}
        {busy && !live ? <Text color="gray">Running...</Text> : null}
        {/* Hidden, not unmounted, while a query shows: the typed-ahead text and history stay. */}
        <Box display={live ? 'none' : 'flex'}>
          <PromptEditor
            active={!busy && !live}
            split={split}
            history={history}
            completion={completion}
            onStatements={onStatements}
            onCommand={onCommand}
            onExit={quit}
            onNotice={(lines) => print('info', lines)}
          />
        </Box>
      </Box>
    </>
  );
}
