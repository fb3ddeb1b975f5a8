/**
 * The engine's side of the REST server (src/server): starts it when `'rest.port'` is set — by SET, RESET, the
 * engine's config or `startMonitoring()` — and moves or stops it when the setting changes. The server's module (and
 * prom-client) is loaded only when a server starts, so engines without one start as fast as before.
 */
import { PlanError } from '../common/errors.js';
import type { CatalogTableInfo, MonitoredEngine, MonitoringServer } from '../server/monitoring-server.js';
import { RunningQuery, type RunningJob } from './job-handles.js';
import type { JobRegistry } from './job-registry.js';
import { columnInfo, toRow } from './result-values.js';
import { querySnapshot } from './result-rows.js';
import type { QueryResult } from './api-types.js';
import type { Settings } from './settings.js';

export interface RestEndpoint {
  readonly port: number;
  readonly host: string;
}

/** What the REST server reads from the engine. */
export interface MonitoringSources {
  /** `'rest.port'` and `'rest.bind-address'` say where the server listens. */
  readonly settings: Settings;
  readonly jobs: JobRegistry;
  /** Takes a savepoint of a running job (stopping it after with `stop`); its directory. */
  readonly savepoint: (job: RunningJob, stop: boolean) => Promise<string>;
  /** Starts a SELECT, as `engine.query` does. */
  readonly query: (sql: string) => QueryResult;
  /** The catalog's tables and views with their columns (`GET /api/v1/tables`). */
  readonly tables: () => readonly CatalogTableInfo[];
}

export class EngineMonitoring {
  private server: MonitoringServer | undefined;
  private endpoint: RestEndpoint | undefined;
  /** Serializes starts and stops (two SETs in a row, close() during a start). */
  private change: Promise<void> = Promise.resolve();

  private readonly engine: MonitoredEngine;

  private readonly settings: Settings;

  constructor({ settings, jobs, savepoint, query, tables }: MonitoringSources) {
    this.settings = settings;
    this.engine = {
      jobDetails: () => jobs.details(),
      stopJobById: (id) => jobs.stopById(id),
      savepointJobById: async (id, stop) => {
        const job = jobs.runningWithId(id);
        if (!job) throw new PlanError(`No running job with id ${id}`);
        return savepoint(job, stop);
      },
      vertexResult: async (id, vertexId, limit) => {
        const job = jobs.runningWithId(id);
        if (!job) throw new PlanError(`No running job with id ${id}`);
        const node = job.graph.nodes.find((n) => n.id === vertexId);
        if (!node) throw new PlanError(`Job '${job.jobName}' has no operator #${vertexId}`);
        const rows = await job.currentResult(vertexId);
        return { columns: columnInfo(node.schema, settings.timeZone()), total: rows.length, rows: rows.slice(0, limit).map((row) => toRow(row, node.schema)) };
      },
      tables,
      query: (sql, limit, timeoutMs) => {
        const result = query(sql);
        return querySnapshot(result, limit, timeoutMs, (rows) => (result instanceof RunningQuery ? result.ordered(rows) : rows));
      },
    };
  }

  /** The dashboard's URL, when the server runs. */
  get url(): string | undefined {
    return this.server?.url;
  }

  /**
   * Makes the server match `endpoint` (undefined: no server): starts, restarts or stops it. Returns its URL.
   * Port 0 picks a free port once; the server then stays where it is while the setting says 0.
   */
  async apply(endpoint: RestEndpoint | undefined): Promise<string | undefined> {
    const run = this.change.then(async () => {
      if (sameEndpoint(endpoint, this.endpoint) && (endpoint === undefined || this.server)) return;
      await this.stopNow();
      if (!endpoint) return;
      const { MonitoringServer } = await import('../server/monitoring-server.js');
      try {
        this.server = await MonitoringServer.start(this.engine, endpoint);
      } catch (caught) {
        const reason = caught instanceof Error ? caught.message : String(caught);
        throw new PlanError(`Cannot start the REST server on ${endpoint.host}:${endpoint.port}: ${reason}`, { hint: "choose another 'rest.port' (0: any free port)" });
      }
      this.endpoint = endpoint;
    });
    this.change = run.catch(() => undefined);
    await run;
    return this.url;
  }

  /** Starts, moves or stops the server to match the settings; a server that cannot start turns `'rest.port'` off. */
  async sync(): Promise<string | undefined> {
    try {
      return await this.apply(this.settings.restEndpoint());
    } catch (error) {
      this.settings.reset('rest.port');
      throw error;
    }
  }

  /** `engine.startMonitoring()`: sets `'rest.port'` (default: as set, else 8081) and the address, then syncs. */
  async start(options: { port?: number; host?: string }): Promise<string> {
    this.settings.set('rest.port', String(options.port ?? this.settings.restEndpoint()?.port ?? 8081));
    if (options.host !== undefined) this.settings.set('rest.bind-address', options.host);
    return (await this.sync())!;
  }

  async close(): Promise<void> {
    await this.apply(undefined);
  }

  private async stopNow(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.endpoint = undefined;
    await server?.close();
  }
}

function sameEndpoint(a: RestEndpoint | undefined, b: RestEndpoint | undefined): boolean {
  return a?.port === b?.port && a?.host === b?.host;
}
