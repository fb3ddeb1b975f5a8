/**
 * The shell's behaviour without the screen: runs statements and commands, keeps the result mode and \timing,
 * submits INSERT jobs to the background, and holds the running query so q/Esc/Ctrl-C can stop it. The ink App
 * renders what it reports through a SessionView.
 */
import { formatJobSummary, formatElapsed } from '../../src/cli/format-summary.js';
import { formatResultTable, formatTable } from '../../src/cli/format-table.js';
import type { JobHandle, StatementResult } from '../../src/index.js';
import type { CommandCall } from '../commands/index.js';
import type { CommandOutcome } from '../commands/command.js';
import { isResultMode } from '../commands/basic.js';
import { readScript } from '../commands/include.js';
import { errorReport } from '../format/error-report.js';
import type { LiveQuery, ResultMode } from '../live/live-query.js';
import type { ShellEngine } from '../shell-engine.js';
import { toneOf, type OutputTone } from '../state/output.js';
import { QueryRun } from './query-run.js';
import { RESULT_MODE_KEY, jobsTable, shellStatement, type ShellStatement } from './shell-statements.js';

export interface SessionView {
  print(tone: OutputTone, lines: readonly string[]): void;
  showLive(query: LiveQuery | null): void;
  screen(): { readonly rows: number; readonly columns: number };
}

export const REFRESH_STEPS_MS: readonly number[] = [100, 200, 500, 1000, 2000, 5000];
const DEFAULT_REFRESH_STEP = 1;
/** SOURCE inside SOURCE is fine; a file that sources itself is not. */
const MAX_SOURCE_DEPTH = 16;

export class ShellSession {
  mode: ResultMode = 'table';
  timing = false;
  private refreshStep = DEFAULT_REFRESH_STEP;
  private running: QueryRun | null = null;
  private dismissPager: (() => void) | null = null;
  private sourceDepth = 0;

  constructor(
    private readonly engine: ShellEngine,
    private readonly view: SessionView,
    private readonly debug: boolean,
  ) {}

  get refreshMs(): number {
    return REFRESH_STEPS_MS[this.refreshStep] ?? 200;
  }

  /** `+` / `-` in the live view: refresh less or more often. */
  changeRefresh(slower: boolean): void {
    this.refreshStep = Math.max(0, Math.min(REFRESH_STEPS_MS.length - 1, this.refreshStep + (slower ? 1 : -1)));
  }

  /** q / Esc / Ctrl-C: stops the running query or leaves the pager; false when there was nothing to stop. */
  interrupt(): boolean {
    if (this.dismissPager) {
      const dismiss = this.dismissPager;
      this.dismissPager = null;
      dismiss();
      return true;
    }
    if (!this.running) return false;
    this.running.stop();
    return true;
  }

  async runStatements(statements: readonly string[]): Promise<void> {
    for (const statement of statements) await this.runStatement(statement);
  }

  /** Applies a meta command's outcome; returns true when the shell should exit. */
  async runCommand(call: CommandCall): Promise<boolean> {
    return this.apply(call.command.run(call.argument));
  }

  async runStatement(sql: string): Promise<void> {
    const started = Date.now();
    try {
      const shell = shellStatement(sql);
      if (shell) await this.runShellStatement(shell);
      else await this.show(await this.engine.execute(sql), sql);
    } catch (error) {
      this.view.print('error', errorReport(error, sql, this.debug));
    }
    if (this.timing) this.view.print('info', [`Time: ${formatElapsed(Date.now() - started)}`]);
  }

  private async apply(outcome: CommandOutcome): Promise<boolean> {
    switch (outcome.kind) {
      case 'exit':
        return true;
      case 'print':
        this.view.print(outcome.tone ?? 'info', outcome.lines.length > 0 ? outcome.lines : [`Result mode: ${this.mode}.`]);
        return false;
      case 'run':
        await this.runNested(outcome.statements);
        return false;
      case 'set-mode':
        this.mode = outcome.mode;
        this.view.print('info', [`[INFO] Result mode: ${outcome.mode}.`]);
        return false;
      case 'timing':
        this.timing = outcome.on ?? !this.timing;
        this.view.print('info', [`Timing is ${this.timing ? 'on' : 'off'}.`]);
        return false;
    }
  }

  private async runNested(statements: readonly string[]): Promise<void> {
    if (this.sourceDepth >= MAX_SOURCE_DEPTH) {
      this.view.print('error', [`Error: scripts nested more than ${MAX_SOURCE_DEPTH} deep (does a file source itself?)`]);
      return;
    }
    this.sourceDepth += 1;
    try {
      for (const statement of statements) {
        this.view.print('echo', statement.split('\n').map((line, index) => (index === 0 ? '> ' : '  ') + line));
        await this.runStatement(statement);
      }
    } finally {
      this.sourceDepth -= 1;
    }
  }

  private async runShellStatement(statement: ShellStatement): Promise<void> {
    switch (statement.kind) {
      case 'source':
        await this.apply(readScript(statement.file));
        return;
      case 'show-jobs':
        this.view.print('data', formatTable(jobsTable(this.engine.jobReports())));
        return;
      case 'stop-job': {
        if (statement.withSavepoint) {
          const paths = await this.engine.savepointJob(statement.name, { stop: true });
          this.view.print('info', paths.map((path) => `[INFO] Stopped job '${statement.name}' with a savepoint: ${path} (resume with sluice run … --from-savepoint ${path})`));
          return;
        }
        const stopped = await this.engine.stopJob(statement.name);
        this.view.print('info', [`[INFO] Stopped ${stopped === 1 ? 'job' : `${stopped} jobs named`} '${statement.name}'.`]);
        return;
      }
      case 'set-result-mode':
        if (!isResultMode(statement.mode)) {
          this.view.print('error', [`Error: '${RESULT_MODE_KEY}' is table, changelog or tableau, not '${statement.mode}'`]);
          return;
        }
        this.mode = statement.mode;
        this.view.print('info', [`[INFO] Set '${RESULT_MODE_KEY}' = '${statement.mode}'.`]);
    }
  }

  private async show(result: StatementResult, sql: string): Promise<void> {
    switch (result.kind) {
      case 'ok':
        this.view.print('info', [`[INFO] ${result.message}`]);
        return;
      case 'table':
        this.view.print('data', formatResultTable(result));
        return;
      case 'job':
        this.watchJob(result.job);
        return;
      case 'query':
        await this.runQuery(new QueryRun(result.result, this.queryHost(), sql, this.mode));
    }
  }

  private async runQuery(run: QueryRun): Promise<void> {
    this.running = run;
    try {
      await run.run();
    } finally {
      this.running = null;
      this.dismissPager = null;
      this.view.showLive(null);
    }
  }

  private queryHost() {
    return {
      engine: this.engine,
      debug: this.debug,
      print: (tone: OutputTone, lines: readonly string[]) => this.view.print(tone, lines),
      showLive: (query: LiveQuery | null) => this.view.showLive(query),
      waitForDismiss: () =>
        new Promise<void>((resolve) => {
          this.dismissPager = resolve;
        }),
      refreshMs: () => this.refreshMs,
      screen: () => this.view.screen(),
    };
  }

  private watchJob(job: JobHandle): void {
    this.view.print('info', [
      `[INFO] Submitted job '${job.jobName}' (running in the background; SHOW JOBS lists it, STOP JOB '${job.jobName}' stops it).`,
    ]);
    job.done().then(
      (summary) => {
        for (const line of formatJobSummary(summary)) this.view.print(toneOf(line), [line]);
      },
      (error: unknown) => this.view.print('error', [`Job '${job.jobName}' failed:`, ...errorReport(error, null, this.debug)]),
    );
  }
}
