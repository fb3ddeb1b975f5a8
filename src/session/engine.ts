/**
 * The Engine behind the embedded API: a catalog, settings, and jobs. It wires parser → planner → runtime →
 * connectors; the CLI and the shell use nothing else.
 */
import { join, resolve } from 'node:path';
import { PlanError } from '../common/errors.js';
import { formatTimestamp } from '../common/time.js';
import { ROW_KIND_NAMES } from '../common/values.js';
import { parseStatements } from '../parser/index.js';
import type { CreateFunction, CreateTable, Insert, Query, SetStatement, Statement, StatementSet } from '../parser/ast.js';
import { Catalog, createTable, createView, planInsert, planSelect, planStatementSet, queryColumns, type PlannedJob } from '../planner/index.js';
import { lookupCacheOf, sourceChangelogMode, type InProcessSource } from '../connectors/index.js';
import { showPartitions } from './show-partitions.js';
import { CAPABILITIES, rejectLaterSyntax } from './planning.js';
import type { CollectTarget } from '../runtime/operators/collect.js';
import type { ColumnInfo, EngineOptions, RestorePreview, InProcessTable, QueryResult, ScalarFunctionDefinition, StatementResult, WatermarkReport } from './api-types.js';
import { UserFunctions } from './user-functions.js';
import { describe, showCreate, showFunctions, showViews } from './catalog-statements.js';
import { createTableAs } from './create-table-as.js';
import { loadFunctionModule } from './function-modules.js';
import { UserAggregateFunctions } from './user-aggregate-functions.js';
import type { AggregateFunctionDefinition } from './aggregate-function-definition.js';
import { lookupUserFunction } from '../planner/binder/user-functions.js';
import type { TableFunctionDefinition } from './table-function-types.js';
import { UserTableFunctions } from './user-table-functions.js';
import { ChangeQueue } from './change-queue.js';
import { RunningJob, RunningQuery } from './job-handles.js';
import { columnInfo, toRow } from './result-values.js';
import { Settings } from './settings.js';
import { inProcessTableDdl } from './in-process.js';
import { LateRecordLog } from './late-record-log.js';
import { previewRestore, savepointDirectory } from './checkpointing.js';
import { lateTableProvider } from './late-table.js';
import { stateTableProvider } from './state-table.js';
import { MalformedRecordLog, malformedTableProvider } from './malformed-table.js';
import { WATERMARK_COLUMNS, watermarkReport, watermarkRows } from './watermark-report.js';
import type { JobReport } from './job-report.js';
import { JobRegistry, takeSavepoint } from './job-registry.js';
import { JobLauncher } from './job-launcher.js';
import type { JobDetails } from './job-details.js';
import { EngineMonitoring } from './monitoring.js';
import { catalogTables, columnsOf } from './catalog-statements.js';
import { alterTable, showCatalogs, use } from './alter-table.js';
import { explainText } from './explain-details.js';
import { resultOrder } from './result-order.js';

export class Engine {
  private readonly catalog = new Catalog(sourceChangelogMode, lookupCacheOf);
  private readonly settingsStore: Settings;
  private readonly inProcessTables = new Map<string, InProcessSource>();
  private readonly jobs = new JobRegistry();
  private readonly launcher: JobLauncher;
  private readonly monitoring: EngineMonitoring;
  private readonly lateLog: LateRecordLog;
  private readonly malformedLog: MalformedRecordLog;
  private readonly printLine: (line: string) => void;
  private readonly baseDirectory: string;
  private readonly functionDirectory: string;
  private readonly functions = new UserFunctions();
  private readonly aggregateFunctions = new UserAggregateFunctions();
  private readonly tableFunctions = new UserTableFunctions();

  constructor(options: EngineOptions = {}) {
    this.settingsStore = new Settings(options.config ?? {});
    this.printLine = options.printLine ?? ((line) => process.stdout.write(line + '\n'));
    this.baseDirectory = options.baseDirectory ?? process.cwd();
    this.functionDirectory = options.functionDirectory ?? process.cwd();
    this.lateLog = new LateRecordLog(() => this.settingsStore.lateRecordsRetained());
    this.malformedLog = new MalformedRecordLog(() => this.settingsStore.lateRecordsRetained());
    this.catalog.addSystemTables(lateTableProvider);
    this.catalog.addSystemTables(stateTableProvider(this.jobs));
    this.catalog.addSystemTables(malformedTableProvider);
    this.monitoring = new EngineMonitoring({
      settings: this.settingsStore,
      jobs: this.jobs,
      savepoint: (job, stop) => this.savepointOf(job, stop),
      query: (sql) => this.query(sql),
      tables: () => catalogTables(this.catalog),
    });
    this.launcher = new JobLauncher({
      settings: this.settingsStore,
      baseDirectory: this.baseDirectory,
      printLine: this.printLine,
      inProcessTables: this.inProcessTables,
      lateLog: this.lateLog,
      malformedLog: this.malformedLog,
      catalog: this.catalog,
      jobs: this.jobs,
    });
  }

  /** Runs every statement in order and returns the last one's result. */
  async execute(sql: string): Promise<StatementResult> {
    let last: StatementResult | undefined;
    for await (const { result } of this.executeScript(sql)) last = result;
    if (!last) throw new PlanError('No statement to execute');
    return last;
  }

  /** Parses the whole script first, then runs statement by statement. */
  async *executeScript(sql: string): AsyncGenerator<{ statement: string; result: StatementResult }> {
    const statements = parseStatements(sql);
    for (const statement of statements) yield { statement: statement.text, result: await this.run(statement) };
  }

  query(sql: string): QueryResult {
    const statements = parseStatements(sql);
    const statement = statements[0];
    if (statements.length !== 1 || !statement || statement.kind !== 'query') {
      throw new PlanError('query() takes exactly one SELECT statement', statement ? { position: statement.position } : {});
    }
    return this.startQuery(statement.query);
  }

  explain(sql: string): string {
    const statements = parseStatements(sql);
    const statement = statements[0];
    if (statements.length !== 1 || !statement) throw new PlanError('explain() takes exactly one statement');
    if (statement.kind === 'explain') return explainText(this.plan(statement.statement), statement.details);
    if (statement.kind === 'insert' || statement.kind === 'query') return this.plan(statement).explain;
    if (statement.kind === 'explain-statement-set') return explainText(this.planSet(statement.statementSet), statement.details);
    if (statement.kind === 'statement-set') return this.planSet(statement).explain;
    throw new PlanError('Only INSERT and SELECT statements can be explained', { position: statement.position });
  }

  /** A user-defined scalar function, callable in SQL by `name` (case-insensitive) from now on. */
  registerFunction(name: string, definition: ScalarFunctionDefinition): void {
    if (this.aggregateFunctions.has(name)) throw new PlanError(`'${name}' is already an aggregate function`);
    this.functions.register(name, definition);
  }

  /**
   * A user-defined aggregate function, callable in SQL by `name` (case-insensitive) wherever a built-in aggregate
   * is: GROUP BY, window aggregations, OVER, with DISTINCT and FILTER (WHERE …). See `AggregateFunctionDefinition`.
   */
  registerAggregateFunction<Acc extends object>(name: string, definition: AggregateFunctionDefinition<Acc>): void {
    if (this.functions.planning(() => lookupUserFunction(name)) !== undefined) throw new PlanError(`'${name}' is already a scalar function`);
    this.aggregateFunctions.register(name, definition);
  }

  /** A user-defined table function, callable in FROM as `LATERAL TABLE(name(…))` (case-insensitive) from now on. */
  registerTableFunction(name: string, definition: TableFunctionDefinition): void {
    this.tableFunctions.register(name, definition);
  }

  registerTable(name: string, table: InProcessTable): void {
    if (this.catalog.has(name)) throw new PlanError(`Table '${name}' already exists`);
    if ((table.rows === undefined) === (table.batches === undefined)) {
      throw new PlanError(`In-process table '${name}' needs either 'rows' or 'batches'`);
    }
    createTable(inProcessTableDdl(name, table), this.catalog);
    this.inProcessTables.set(name, table.batches !== undefined ? { batches: table.batches } : { rows: table.rows! });
  }

  tableNames(): string[] {
    return this.catalog.names();
  }

  describeTable(name: string): ColumnInfo[] {
    return columnsOf(this.catalog.resolve({ kind: 'identifier', name, quoted: false, position: { line: 1, column: 1 } }));
  }

  settings(): Record<string, string> {
    return this.settingsStore.all();
  }

  /**
   * For each running job (and the last few that ended): each source split's watermark and largest event time, and
   * each window operator's oldest open window with the event time still needed before it fires.
   */
  watermarks(): WatermarkReport[] {
    return this.jobs.all().map((job) => watermarkReport(job.jobName, job.status, job.progress()));
  }

  /** Every running job and the last few that ended, with elapsed time and counters (the shell's SHOW JOBS). */
  jobReports(): JobReport[] {
    return this.jobs.reports();
  }

  /**
   * Every running job and the last few that ended, in detail: plan vertices with rows in and out, watermarks,
   * busy and backpressured time; tables; checkpoints; window emit latency (what the REST API serves).
   */
  jobDetails(): JobDetails[] {
    return this.jobs.details();
  }

  /**
   * Starts the REST server — web dashboard, REST API and Prometheus `/metrics` — (as `SET 'rest.port'` does) and
   * returns its URL. Without options: on `'rest.port'` (else 8081) and `'rest.bind-address'`. Port 0 picks a free one.
   */
  startMonitoring(options: { port?: number; host?: string } = {}): Promise<string> {
    return this.monitoring.start(options);
  }

  /** The REST server's URL (the dashboard), when it runs. */
  get monitoringUrl(): string | undefined {
    return this.monitoring.url;
  }

  /** STOP JOB 'name': cancels the running jobs of that name; returns how many were stopped. */
  async stopJob(name: string): Promise<number> {
    const targets = this.jobs.runningNamed(name);
    await Promise.all(targets.map((job) => job.cancel()));
    return targets.length;
  }

  /**
   * Takes a savepoint of each running job named `name` (they must checkpoint) and returns the savepoint
   * directories; with `stop`, stops the jobs right after (STOP JOB 'name' WITH SAVEPOINT).
   */
  async savepointJob(name: string, options: { stop?: boolean } = {}): Promise<string[]> {
    const paths: string[] = [];
    for (const job of this.jobs.runningNamed(name)) paths.push(await this.savepointOf(job, options.stop === true));
    return paths;
  }

  private savepointOf(job: RunningJob, stop: boolean): Promise<string> {
    return takeSavepoint(job, savepointDirectory(this.settingsStore, this.baseDirectory, job.jobName, Date.now()), stop);
  }

  /**
   * `sluice run --dry-run`: for an INSERT statement, how each stateful operator would be restored from the job's
   * latest checkpoint or the configured savepoint (null when there is nothing to restore from).
   */
  restorePreview(sql: string): RestorePreview {
    const statements = parseStatements(sql);
    const statement = statements[0];
    if (statements.length !== 1 || (statement?.kind !== 'insert' && statement?.kind !== 'statement-set')) {
      throw new PlanError('restorePreview() takes exactly one INSERT statement or statement set');
    }
    const planned = statement.kind === 'insert' ? this.plan(statement) : this.planSet(statement);
    const jobName = this.settingsStore.get('pipeline.name') || (statement.kind === 'insert' ? `insert-into_${statement.table.name}` : this.statementSetName(statement));
    const preview = previewRestore(this.settingsStore, this.baseDirectory, jobName, planned.graph);
    return preview ? { jobName, source: preview.source, decisions: preview.plan.decisions } : { jobName, source: null, decisions: [] };
  }

  async close(): Promise<void> {
    await this.jobs.cancelAll();
    await this.monitoring.close();
    this.functions.close();
    this.aggregateFunctions.close();
    this.tableFunctions.close();
  }

  private async run(statement: Statement): Promise<StatementResult> {
    await this.monitoring.sync();
    switch (statement.kind) {
      case 'create-table':
        rejectLaterSyntax(statement);
        if (statement.asQuery) return this.createTableAs(statement, statement.asQuery);
        return ok(this.planning(() => createTable(statement, this.catalog)) ? `Table '${statement.name.name}' created.` : `Table '${statement.name.name}' already exists; skipped.`);
      case 'create-view':
        rejectLaterSyntax(statement);
        return ok(this.planning(() => createView(statement, this.catalog)) ? `View '${statement.name.name}' created.` : `View '${statement.name.name}' already exists; skipped.`);
      case 'drop-table':
      case 'drop-view':
        return this.drop(statement.name.name, statement.kind === 'drop-table' ? 'table' : 'view', statement.ifExists, statement.name.position);
      case 'insert':
        return { kind: 'job', job: this.startInsert(statement) };
      case 'query':
        return { kind: 'query', result: this.startQuery(statement.query) };
      case 'explain':
        return { kind: 'table', columns: ['plan'], rows: [[explainText(this.plan(statement.statement), statement.details)]] };
      case 'statement-set':
        return { kind: 'job', job: this.startStatementSet(statement) };
      case 'explain-statement-set':
        return { kind: 'table', columns: ['plan'], rows: [[explainText(this.planSet(statement.statementSet), statement.details)]] };
      case 'show-tables':
        return { kind: 'table', columns: ['table name'], rows: this.catalog.names().map((n) => [n]) };
      case 'describe':
      case 'show-columns':
        return describe(this.catalog, statement);
      case 'show-views':
        return showViews(this.catalog);
      case 'show-functions':
        return showFunctions([...this.functions.names(), ...this.aggregateFunctions.names(), ...this.tableFunctions.names()], statement.user === true);
      case 'create-function':
        return this.createFunction(statement);
      case 'drop-function':
        if (this.functions.unregister(statement.name.name)) return ok(`Function '${statement.name.name}' dropped.`);
        if (statement.ifExists) return ok(`Function '${statement.name.name}' does not exist; skipped.`);
        throw new PlanError(`Function '${statement.name.name}' does not exist`, { position: statement.name.position });
      case 'show-create':
        return showCreate(this.catalog, statement);
      case 'show-partitions':
        return showPartitions(this.catalog, statement, this.baseDirectory);
      case 'set':
        return this.set(statement);
      case 'reset':
        this.settingsStore.reset(statement.key ?? undefined);
        await this.monitoring.sync();
        return ok(statement.key ? `Setting '${statement.key}' reset.` : 'All settings reset.');
      case 'show-watermarks':
        return { kind: 'table', columns: WATERMARK_COLUMNS, rows: watermarkRows(this.watermarks()) };
      case 'show-jobs':
        return { kind: 'table', columns: ['job id', 'job name', 'status', 'start time'], rows: this.jobs.reports().map((r) => [r.jobId, r.jobName, r.status, formatTimestamp(r.startedAt)]) };
      case 'alter-table':
        return alterTable(statement, this.catalog);
      case 'use-catalog':
      case 'use-database':
        return use(statement);
      case 'show-catalogs':
        return showCatalogs(statement);
    }
  }

  /** CREATE FUNCTION … LANGUAGE JAVASCRIPT: registers the module's function as `registerFunction` would. */
  private async createFunction(statement: CreateFunction): Promise<StatementResult> {
    const name = statement.name.name;
    const definition = await loadFunctionModule(statement, this.functionDirectory);
    const exists = this.functions.has(name) || this.aggregateFunctions.has(name) || this.tableFunctions.names().some((n) => n.toUpperCase() === name.toUpperCase());
    if (exists) {
      if (statement.ifNotExists) return ok(`Function '${name}' already exists; skipped.`);
      throw new PlanError(`Function '${name}' already exists`, { position: statement.name.position });
    }
    try {
      this.registerFunction(name, definition);
    } catch (error) {
      if (error instanceof PlanError && error.position === undefined) throw new PlanError(error.detail, { position: statement.name.position });
      throw error;
    }
    return ok(`Function '${name}' created.`);
  }

  /**
   * CREATE TABLE … AS SELECT: creates the table with the query's columns and starts the INSERT job (as Flink). If the
   * INSERT cannot be planned (an updating query into an append-only sink, say), the table is not created. With IF NOT
   * EXISTS and an existing table, the query is inserted into that table.
   */
  private createTableAs(statement: CreateTable, query: Query): StatementResult {
    const { ddl, insert } = createTableAs(statement, query, this.planning(() => queryColumns(query, this.catalog)));
    const created = this.planning(() => createTable(ddl, this.catalog)) !== undefined;
    try {
      return { kind: 'job', job: this.startInsert(created ? insert : { ...insert, columns: [] }) };
    } catch (error) {
      if (created) this.catalog.remove(ddl.name.name);
      throw error;
    }
  }

  private drop(name: string, kind: 'table' | 'view', ifExists: boolean, position: Statement['position']): StatementResult {
    const entry = this.catalog.find(name);
    if (!entry) {
      if (ifExists) return ok(`${kind === 'table' ? 'Table' : 'View'} '${name}' does not exist; skipped.`);
      throw new PlanError(`Unknown ${kind} '${name}'`, { position });
    }
    if (entry.kind !== kind) throw new PlanError(`'${name}' is a ${entry.kind}; use DROP ${entry.kind.toUpperCase()}`, { position });
    this.catalog.remove(name);
    this.inProcessTables.delete(entry.name);
    return ok(`${kind === 'table' ? 'Table' : 'View'} '${entry.name}' dropped.`);
  }

  private async set(statement: SetStatement): Promise<StatementResult> {
    if (statement.key === null) {
      return { kind: 'table', columns: ['key', 'value'], rows: Object.entries(this.settingsStore.all()).map(([k, v]) => [k, v]) };
    }
    this.settingsStore.set(statement.key, statement.value ?? '', statement.position);
    const message = `Set '${statement.key}' = '${statement.value ?? ''}'.`;
    if (!statement.key.startsWith('rest.')) return ok(message);
    const url = await this.monitoring.sync();
    return ok(url ? `${message} Dashboard, REST API and /metrics at ${url}` : message);
  }

  private plan(statement: Insert | { kind: 'query'; query: Query }): PlannedJob {
    rejectLaterSyntax(statement.kind === 'insert' ? statement : statement.query);
    const options = this.settingsStore.plannerOptions();
    return this.planning(() => (statement.kind === 'insert'
      ? planInsert(statement, this.catalog, CAPABILITIES, options)
      : planSelect(statement.query, this.catalog, CAPABILITIES, options)));
  }

  /** A statement set's INSERTs as one graph: a sink each, shared scans and sub-plans. */
  private planSet(set: StatementSet): PlannedJob {
    for (const insert of set.inserts) rejectLaterSyntax(insert);
    const options = this.settingsStore.plannerOptions();
    return this.planning(() => planStatementSet(set.inserts, this.catalog, CAPABILITIES, options));
  }

  /** Flink's name for a statement set's job: `insert-into_a,b` (each sink table once, in order). */
  private startStatementSet(set: StatementSet): RunningJob {
    const planned = this.planSet(set);
    const name = this.settingsStore.get('pipeline.name') || this.statementSetName(set);
    return this.launcher.launch(name, planned.graph, new Map(), true);
  }

  private statementSetName(set: StatementSet): string {
    return `insert-into_${[...new Set(set.inserts.map((insert) => this.catalog.resolveTable(insert.table).name))].join(',')}`;
  }

  /** Runs a (synchronous) planning step with the user-defined scalar, aggregate and table functions visible. */
  private planning<T>(plan: () => T): T {
    return this.functions.planning(() => this.aggregateFunctions.planning(() => this.tableFunctions.planning(plan)));
  }

  private startInsert(statement: Insert): RunningJob {
    const planned = this.plan(statement);
    const name = this.settingsStore.get('pipeline.name') || `insert-into_${statement.table.name}`;
    return this.launcher.launch(name, planned.graph, new Map(), true);
  }

  private startQuery(query: Query): QueryResult {
    const planned = this.plan({ kind: 'query', query });
    const queue = new ChangeQueue();
    const collectId = planned.graph.nodes[planned.graph.nodes.length - 1]!.id;
    const target: CollectTarget = {
      onChanges: (changes, schema) => queue.push(changes.map((c) => ({ op: ROW_KIND_NAMES[c.kind]!, row: toRow(c.values, schema) }))),
      onEnd: () => queue.end(),
    };
    const name = this.settingsStore.get('pipeline.name') || 'collect';
    const handle = this.launcher.launch(name, planned.graph, new Map([[collectId, target]]), false, 'query');
    void handle.settled().then((summary) => (summary.error ? queue.fail(summary.error) : queue.end()));
    const columns = columnInfo(planned.outputSchema, this.settingsStore.timeZone());
    return new RunningQuery(columns, planned.updating, queue, handle, resultOrder(query, planned.outputSchema));
  }
}

function ok(message: string): StatementResult {
  return { kind: 'ok', message };
}
