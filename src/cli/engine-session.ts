/**
 * Creates the Engine for one CLI invocation, wires Ctrl-C to the running job or query, and always closes the
 * engine at the end.
 */
import { Engine } from '../index.js';
import { formatError } from './format-error.js';
import { Interruption } from './interruption.js';
import { takeSavepointsOnSignal } from './savepoint-command.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, type CliOutput } from './script-engine.js';

export interface SessionOptions {
  readonly settings: Readonly<Record<string, string>>;
  readonly debug: boolean;
  /** Install a SIGINT handler that cancels the running job (off for the REPL, which reads Ctrl-C itself). */
  readonly handleInterrupts: boolean;
  /** Take a savepoint of every running checkpointed job on SIGUSR2 (`sluice savepoint <job>`). */
  readonly handleSavepointSignal?: boolean;
  /** Where CREATE FUNCTION's relative module paths start: the script's directory for a file; default the working directory. */
  readonly functionDirectory?: string;
}

export const terminalOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function withEngine(
  options: SessionOptions,
  body: (engine: Engine, interruption: Interruption) => Promise<number>,
): Promise<number> {
  let engine: Engine;
  try {
    engine = new Engine({ config: options.settings, ...(options.functionDirectory === undefined ? {} : { functionDirectory: options.functionDirectory }) });
  } catch (error) {
    for (const line of formatError(error, { debug: options.debug })) terminalOutput.err(line);
    return EXIT_ERROR;
  }
  if ((options.settings['rest.port'] ?? '').trim() !== '') {
    try {
      terminalOutput.err(`[INFO] Dashboard, REST API and Prometheus metrics at ${await engine.startMonitoring()}`);
    } catch (error) {
      for (const line of formatError(error, { debug: options.debug })) terminalOutput.err(line);
      await engine.close();
      return EXIT_ERROR;
    }
  }
  const interruption = new Interruption();
  const onInterrupt = (): void => {
    if (interruption.interrupt() === 'force') {
      terminalOutput.err('[WARN] Interrupted again: exiting without waiting for the job to stop.');
      process.exit(EXIT_INTERRUPTED);
    }
    terminalOutput.err('[INFO] Cancelling... (press Ctrl-C again to quit at once)');
  };
  if (options.handleInterrupts) process.on('SIGINT', onInterrupt);
  const onSavepointSignal = (): void => void takeSavepointsOnSignal(engine, terminalOutput);
  if (options.handleSavepointSignal) process.on('SIGUSR2', onSavepointSignal);
  try {
    const code = await body(engine, interruption);
    await interruption.settled();
    return code;
  } finally {
    if (options.handleInterrupts) process.off('SIGINT', onInterrupt);
    if (options.handleSavepointSignal) process.off('SIGUSR2', onSavepointSignal);
    try {
      await engine.close();
    } catch (error) {
      for (const line of formatError(error, { debug: options.debug })) terminalOutput.err(line);
    }
  }
}
