/** Starts the interactive shell on the terminal; resolves with the exit code when the user leaves (Ctrl-D, quit). */
import { render } from 'ink';
import { formatError } from '../src/cli/format-error.js';
import { readPackageInfo } from '../src/cli/package-info.js';
import { Engine, splitStatements } from '../src/index.js';
import { App } from './app.js';
import { HistoryFile, historyPath } from './state/history-file.js';

export interface ReplOptions {
  readonly settings: Readonly<Record<string, string>>;
  readonly debug: boolean;
}

export async function startRepl(options: ReplOptions): Promise<number> {
  // The print connector writes lines; in the shell they go into the output above the prompt, not over the screen.
  let printLine: (line: string) => void = (line) => process.stdout.write(line + '\n');
  let engine: Engine;
  try {
    engine = new Engine({ config: options.settings, printLine: (line) => printLine(line) });
  } catch (error) {
    for (const line of formatError(error, { debug: options.debug })) process.stderr.write(line + '\n');
    return 1;
  }
  const { version } = readPackageInfo();
  const banner = [
    `Sluice ${version}: streaming SQL with Flink semantics.`,
    'Type help; for help, \\mode table|changelog|tableau for the result view, Ctrl-D to exit.',
    '',
  ];
  const history = new HistoryFile(historyPath());
  try {
    const instance = render(
      <App
        engine={engine}
        split={splitStatements}
        banner={banner}
        debug={options.debug}
        history={history}
        connectPrintLine={(target) => {
          printLine = target;
        }}
      />,
      { exitOnCtrlC: false },
    );
    await instance.waitUntilExit();
  } finally {
    await engine.close().catch(() => undefined);
  }
  return 0;
}
