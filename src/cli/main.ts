/**
 * The `sluice` command line: `run`, `explain`, `-e`, and the REPL when started without arguments.
 * `bin/sluice.js` calls `main(process.argv)` and exits with the code it returns.
 */
import { dirname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { withEngine, terminalOutput } from './engine-session.js';
import { explainScript } from './explain-script.js';
import { readPackageInfo } from './package-info.js';
import { runScript } from './run-script.js';
import { EXIT_ERROR, EXIT_OK } from './script-engine.js';
import { collectSetting } from './settings-args.js';
import { dryRunScript } from './dry-run-script.js';
import { recoverySettings, requestSavepoint } from './savepoint-command.js';

interface RunFlags {
  readonly set?: Record<string, string>;
  readonly changelog?: boolean;
  readonly fresh?: boolean;
  readonly fromSavepoint?: string;
  readonly allowNonRestoredState?: boolean;
  readonly dryRun?: boolean;
}

interface RootFlags extends RunFlags {
  readonly execute?: string;
}

const debug = process.env.SLUICE_DEBUG === '1';

/**
 * Waits until stdout and stderr have handed everything written to them to the OS. Writes to a pipe that is full
 * are queued in the process, and `process.exit` drops them: `sluice run job.sql | …` lost the last rows of a burst
 * (a MATCH_RECOGNIZE emitting 4,021 matches at the end of input printed 2,421 through a pipe).
 */
export async function flushOutput(): Promise<void> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => {
    stream.write('', () => resolve());
  })));
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return exitCode;
}

function buildProgram(setExitCode: (code: number) => void): Command {
  const { version } = readPackageInfo();
  const program = new Command('sluice')
    .description('Streaming SQL on Node.js with Flink SQL semantics.')
    .version(version, '-v, --version', 'print the version')
    .enablePositionalOptions()
    .exitOverride()
    .option('-e, --execute <sql>', 'run the given SQL statements and exit')
    .option('--set <key=value>', 'a setting, as with SET (repeatable)', collectSetting)
    .option('--changelog', "stream a query's changes (+I/-U/+U/-D) instead of printing the final table")
    .addHelpText(
      'after',
      '\nWithout arguments, sluice starts an interactive shell (or, when stdin is not a terminal, runs the SQL read from stdin).' +
        '\n\nExamples:\n  sluice run examples/bids/tumble.sql\n  sluice -e "SHOW TABLES;"\n  sluice explain job.sql',
    )
    .action(async (flags: RootFlags) => setExitCode(await runRoot(flags)));

  program
    .command('run')
    .description('run the SQL statements of a file')
    .argument('<file>', 'a .sql file')
    .option('--set <key=value>', 'a setting, as with SET (repeatable)', collectSetting)
    .option('--changelog', "stream a query's changes (+I/-U/+U/-D) instead of printing the final table")
    .option('--fresh', 'start checkpointed jobs over instead of resuming from their last checkpoint')
    .option('--from-savepoint <path>', 'start the INSERT jobs from this savepoint')
    .option('--allow-non-restored-state', 'drop savepoint state that no operator of the changed query takes')
    .option('--dry-run', 'run the DDL, then print for each INSERT how its stateful operators would be restored; run nothing')
    .action(async (file: string, flags: RunFlags) => setExitCode(await runFile(file, flags)));

  program
    .command('savepoint')
    .description("take a savepoint of a checkpointed job running in another sluice process (sends it SIGUSR2)")
    .argument('<job>', "the job's name ('pipeline.name')")
    .option('--set <key=value>', "a setting, as with SET (repeatable): 'state.dir' or 'execution.checkpointing.dir' if the job uses another", collectSetting)
    .action(async (job: string, flags: RunFlags) => setExitCode(await requestSavepoint(job, flags.set ?? {}, terminalOutput)));

  program
    .command('explain')
    .description('run the DDL of a file and print the plan of each INSERT and SELECT instead of running it')
    .argument('<file>', 'a .sql file')
    .option('--set <key=value>', 'a setting, as with SET (repeatable)', collectSetting)
    .action(async (file: string, flags: RunFlags) => setExitCode(await explainFile(file, flags)));

  return program;
}

async function runRoot(flags: RootFlags): Promise<number> {
  if (flags.execute !== undefined) return runText(flags.execute, undefined, flags);
  if (process.stdin.isTTY && process.stdout.isTTY) {
    // The shell creates its own engine (its print connector writes into the shell's output).
    const { enableInteractiveRendering } = await import('../../repl/interactive-mode.js');
    enableInteractiveRendering();
    const { startRepl } = await import('../../repl/main.js');
    return startRepl({ settings: flags.set ?? {}, debug });
  }
  return runText(await readStdin(), '<stdin>', flags);
}

async function runFile(file: string, flags: RunFlags): Promise<number> {
  const sql = await readSqlFile(file);
  if (sql === null) return EXIT_ERROR;
  const settings = { ...(flags.set ?? {}), ...recoverySettings(flags) };
  if (flags.dryRun) {
    return withEngine({ settings, debug, handleInterrupts: true, functionDirectory: scriptDirectory(file) }, (engine, interruption) =>
      dryRunScript(engine, sql, terminalOutput, { changelog: false, debug, interruption, sourceName: file }),
    );
  }
  return runText(sql, file, { ...flags, set: settings }, scriptDirectory(file));
}

/** The directory of a script, where its CREATE FUNCTION module paths start. */
function scriptDirectory(file: string): string {
  return dirname(resolve(file));
}

function runText(sql: string, sourceName: string | undefined, flags: RunFlags, functionDirectory?: string): Promise<number> {
  const session = { settings: flags.set ?? {}, debug, handleInterrupts: true, handleSavepointSignal: true, ...(functionDirectory === undefined ? {} : { functionDirectory }) };
  return withEngine(session, (engine, interruption) =>
    runScript(engine, sql, terminalOutput, {
      changelog: flags.changelog === true,
      debug,
      interruption,
      ...(sourceName === undefined ? {} : { sourceName }),
    }),
  );
}

async function explainFile(file: string, flags: RunFlags): Promise<number> {
  const sql = await readSqlFile(file);
  if (sql === null) return EXIT_ERROR;
  return withEngine({ settings: flags.set ?? {}, debug, handleInterrupts: true, functionDirectory: scriptDirectory(file) }, (engine, interruption) =>
    explainScript(engine, sql, terminalOutput, { changelog: false, debug, interruption, sourceName: file }),
  );
}

async function readSqlFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    terminalOutput.err(`Error: cannot read '${file}' (${reason})`);
    return null;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
