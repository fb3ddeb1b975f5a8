/** Starts the interactive shell on the terminal; resolves when the user leaves (Ctrl-D or `quit`). */
import { render } from 'ink';
import { readPackageInfo } from '../src/cli/package-info.js';
import type { Engine } from '../src/index.js';
import { splitStatements } from '../src/parser/index.js';
import { App } from './app.js';

export async function startRepl(engine: Engine): Promise<void> {
  const { version } = readPackageInfo();
  const banner = [`Sluice ${version}: streaming SQL with Flink semantics. Type help; for help, Ctrl-D to exit.`, ''];
  const instance = render(
    <App engine={engine} split={splitStatements} banner={banner} debug={process.env.SLUICE_DEBUG === '1'} />,
    { exitOnCtrlC: false },
  );
  await instance.waitUntilExit();
}
