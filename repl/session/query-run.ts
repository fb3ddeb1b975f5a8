/**
 * One SELECT in the shell, from start to the row count: feeds its changes into a LiveQuery, refreshes the live
 * view every `refreshMs` (status numbers sampled from the engine), prints tableau lines as they come, and at the end
 * prints the result (or leaves a long/wide one in the pager until the user presses q).
 */
import { droppedRecordWarnings, formatElapsed } from '../../src/cli/format-summary.js';
import { rowCountLine } from '../../src/cli/format-table.js';
import type { Change, JobSummary, QueryResult, ResultValue } from '../../src/index.js';
import { errorReport } from '../format/error-report.js';
import { buildGrid, gridLines, type Grid } from '../format/result-grid.js';
import { tableauLayout, type TableauLayout } from '../format/tableau.js';
import { LiveQuery, type ResultMode } from '../live/live-query.js';
import type { ShellEngine } from '../shell-engine.js';
import { toneOf, type OutputTone } from '../state/output.js';

export interface QueryHost {
  readonly engine: ShellEngine;
  readonly debug: boolean;
  print(tone: OutputTone, lines: readonly string[]): void;
  /** Shows or redraws the live view; null hides it. */
  showLive(query: LiveQuery | null): void;
  /** Resolves when the user leaves a finished result's pager (q, Esc, Ctrl-C). */
  waitForDismiss(): Promise<void>;
  refreshMs(): number;
  /** Terminal size, to decide whether a finished result fits or needs the pager. */
  screen(): { readonly rows: number; readonly columns: number };
}

/** Lines the live view needs besides the rows: borders, header (2), types, status (2), spacing. */
export const LIVE_VIEW_CHROME_LINES = 9;

export class QueryRun {
  readonly query: LiveQuery;
  private stopRequested = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly tableau: TableauLayout | null;
  private pendingTableau: string[] = [];

  constructor(
    private readonly result: QueryResult,
    private readonly host: QueryHost,
    private readonly statement: string,
    mode: ResultMode,
  ) {
    const jobName = host.engine.jobReports().at(-1)?.jobName ?? null;
    this.query = new LiveQuery(result.columns, jobName, result.updating, mode === 'tableau' ? 'changelog' : mode);
    this.tableau = mode === 'tableau' ? tableauLayout(result.columns) : null;
    this.query.tableau = this.tableau !== null;
  }

  /** q / Esc / Ctrl-C: cancels the query; run() then reports what arrived so far. */
  stop(): void {
    if (this.stopRequested || this.query.phase !== 'running') return;
    this.stopRequested = true;
    void this.result.cancel().catch(() => undefined);
  }

  async run(): Promise<void> {
    if (this.tableau) this.host.print('data', this.tableau.header);
    this.host.showLive(this.query);
    this.scheduleRefresh();
    let failure: unknown = null;
    try {
      for await (const change of this.result) this.accept(change);
    } catch (error) {
      failure = error;
    } finally {
      if (this.timer) clearTimeout(this.timer);
    }
    this.query.sample(this.host.engine);
    this.flushTableau();
    const summary = await this.result.done().catch((error: unknown) => {
      failure ??= error;
      return null;
    });
    this.query.end(failure !== null && !this.stopRequested ? 'failed' : this.stopRequested ? 'cancelled' : 'finished');
    await this.report(failure, summary);
  }

  private accept(change: Change): void {
    this.query.apply(change);
    if (this.tableau) this.pendingTableau.push(this.tableau.line(change));
  }

  private scheduleRefresh(): void {
    this.timer = setTimeout(() => {
      this.query.sample(this.host.engine);
      this.flushTableau();
      this.host.showLive(this.query);
      if (this.query.phase === 'running') this.scheduleRefresh();
    }, this.host.refreshMs());
  }

  private flushTableau(): void {
    if (this.pendingTableau.length === 0) return;
    this.host.print('data', this.pendingTableau);
    this.pendingTableau = [];
  }

  private async report(failure: unknown, summary: JobSummary | null): Promise<void> {
    const { query, host } = this;
    const elapsed = formatElapsed(query.elapsedMs());
    if (this.tableau) {
      host.showLive(null);
      if (query.changes.size > 0) host.print('data', [this.tableau.border]);
      host.print('info', [`Received a total of ${query.changes.size} rows (${elapsed})${this.stopRequested ? ', stopped' : ''}`]);
    } else if (query.phase === 'finished') {
      await this.reportFinished(elapsed);
    } else {
      // Stopped or failed: keep what was on screen (the last page) in the scrollback.
      host.showLive(null);
      const rows = this.query.displayRows(0, this.query.displayRowCount());
      const shown = rows.slice(-Math.max(1, host.screen().rows - LIVE_VIEW_CHROME_LINES));
      if (rows.length > 0) host.print('data', gridLines(this.grid(shown)));
      const hidden = rows.length - shown.length;
      host.print('info', [
        `[INFO] Query ${query.phase === 'failed' ? 'failed' : 'stopped'} after ${elapsed}: ${rowCountLine(query.table.rowCount).replace(' in set', '')}, ` +
          `${query.changes.size} changes${hidden > 0 ? ` (last ${shown.length} rows shown)` : ''}.`,
      ]);
    }
    if (query.phase === 'failed' && failure !== null) host.print('error', errorReport(failure, this.statement, host.debug));
    for (const counters of summary?.tables ?? []) {
      for (const line of droppedRecordWarnings(counters)) host.print(toneOf(line), [line]);
    }
  }

  /** A bounded result that fits on screen is printed; a longer or wider one stays in the pager until q. */
  private async reportFinished(elapsed: string): Promise<void> {
    const { query, host } = this;
    const rows = this.query.displayRows(0, this.query.displayRowCount());
    const screen = host.screen();
    const grid = this.grid(rows);
    const fits = rows.length <= Math.max(1, screen.rows - LIVE_VIEW_CHROME_LINES) && grid.shownColumns.length === this.query.displayColumns().length;
    const count = `${rowCountLine(rows.length)} (${elapsed})`;
    if (!fits) {
      host.showLive(query);
      await host.waitForDismiss();
    }
    host.showLive(null);
    if (fits) host.print('data', [...gridLines(grid), count]);
    else host.print('info', [`${count}, shown in the pager.`]);
  }

  private grid(rows: readonly (readonly ResultValue[])[]): Grid {
    return buildGrid(this.query.displayColumns(), rows, {
      maxWidth: this.host.screen().columns,
      pinnedColumns: this.query.mode === 'changelog' ? 1 : 0,
    });
  }
}
