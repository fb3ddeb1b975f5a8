/**
 * The engine's HTTP server (`SET 'rest.port'`): a REST API over the running and recent jobs, the Prometheus
 * endpoint and the web dashboard — Flink's JobManager web UI, REST API and Prometheus reporter in one port.
 *
 *   GET  /                              the dashboard (job graph, watermarks, rates, backpressure)
 *   GET  /metrics                       Prometheus text exposition
 *   GET  /api/v1/overview               engine uptime and job counts by status
 *   GET  /api/v1/jobs                   every running job and the last few that ended
 *   GET  /api/v1/jobs/:id               one job: vertices with counters and per-second rates, tables, checkpoints
 *   POST /api/v1/jobs/:id/stop          cancels a running job
 *   POST /api/v1/jobs/:id/savepoints    takes a savepoint (`{"stop": true}` stops the job after it)
 *   GET  /api/v1/jobs/:id/vertices/:vertex/result?limit=N   queryable state: an operator's current result rows
 *   GET  /api/v1/tables                 the catalog's tables and views with their columns
 *   POST /api/v1/sql                    runs a SELECT (`{"statement": "…", "limit": 1000, "timeoutMs": 5000}`)
 *
 * It binds to 127.0.0.1 unless `'rest.bind-address'` says otherwise, and never keeps the process alive by itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { isSluiceError } from '../common/errors.js';
import type { JobDetails } from '../session/job-details.js';
import type { ColumnInfo, Row } from '../session/api-types.js';
import type { QuerySnapshot } from '../session/result-rows.js';
import { MetricRates, type VertexRates } from './metric-rates.js';
import { PrometheusMetrics } from './prometheus.js';

/** What the server needs from the engine. */
export interface MonitoredEngine {
  jobDetails(): readonly JobDetails[];
  /** Cancels the running job `id`; false when there is no such running job. */
  stopJobById(id: string): Promise<boolean>;
  /** Takes a savepoint of the running job `id` (stopping it after with `stop`); its directory. */
  savepointJobById(id: string, stop: boolean): Promise<string>;
  /** Queryable state: the current result of operator `vertexId` of the running job `id`, its first `limit` rows. */
  vertexResult(id: string, vertexId: number, limit: number): Promise<VertexResult>;
  /** Runs a SELECT until it ends, `limit` rows are in or `timeoutMs` passed (then cancels it). */
  query(sql: string, limit: number, timeoutMs: number): Promise<QuerySnapshot>;
  /** The catalog's tables and views. */
  tables(): readonly CatalogTableInfo[];
}

/** A table or view of the catalog (`GET /api/v1/tables`). */
export interface CatalogTableInfo {
  readonly name: string;
  readonly kind: 'table' | 'view';
  /** A table's connector (`kafka`, `filesystem`, …); null for a view. */
  readonly connector: string | null;
  readonly columns: readonly ColumnInfo[];
}

/** An operator's current result rows (`GET /api/v1/jobs/:id/vertices/:vertex/result`). */
export interface VertexResult {
  readonly columns: readonly ColumnInfo[];
  /** How many rows the result has (`rows` holds at most `limit` of them). */
  readonly total: number;
  readonly rows: readonly Row[];
}

export interface MonitoringServerOptions {
  readonly port: number;
  readonly host: string;
}

/** A job with each vertex's per-second rates, as `GET /api/v1/jobs/:id` answers. */
export type JobWithRates = JobDetails & { readonly vertices: readonly (JobDetails['vertices'][number] & { readonly rates: VertexRates })[] };

const SAMPLE_INTERVAL_MS = 1_000;
const DEFAULT_RESULT_LIMIT = 1_000;
const DEFAULT_SQL_TIMEOUT_MS = 5_000;
const MAX_SQL_TIMEOUT_MS = 60_000;

const STATIC_FILES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/dashboard.js': 'dashboard.js',
  '/dashboard.css': 'dashboard.css',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class MonitoringServer {
  private readonly rates = new MetricRates();
  private readonly prometheus = new PrometheusMetrics();
  private readonly startedAt = Date.now();
  private readonly sampler: ReturnType<typeof setInterval>;

  private constructor(private readonly engine: MonitoredEngine, private readonly server: Server, readonly url: string) {
    this.sampler = setInterval(() => this.rates.sample(this.engine.jobDetails(), Date.now()), SAMPLE_INTERVAL_MS);
    this.sampler.unref();
  }

  /** Starts listening; rejects when the port cannot be bound (in use, no permission). */
  static async start(engine: MonitoredEngine, options: MonitoringServerOptions): Promise<MonitoringServer> {
    let instance: MonitoringServer | undefined;
    const server = createServer((request, response) => {
      if (instance) void instance.handle(request, response);
      else respond(response, 503, { error: 'starting' });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.unref();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
    instance = new MonitoringServer(engine, server, `http://${host}:${port}/`);
    return instance;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async close(): Promise<void> {
    clearInterval(this.sampler);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const method = request.method ?? 'GET';
      if (path === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      const file = STATIC_FILES[path];
      if (file !== undefined) {
        allow(method, 'GET');
        await this.sendFile(response, file);
        return;
      }
      if (path === '/metrics') {
        allow(method, 'GET');
        const text = await this.prometheus.render(this.engine.jobDetails());
        response.writeHead(200, { 'content-type': this.prometheus.contentType });
        response.end(text);
        return;
      }
      respond(response, 200, await this.api(method, path, request, url.searchParams.get('limit')));
    } catch (caught) {
      const status = caught instanceof HttpError ? caught.status : isSluiceError(caught) ? 409 : 500;
      respond(response, status, { error: caught instanceof Error ? caught.message : String(caught) });
    }
  }

  private async api(method: string, path: string, request: IncomingMessage, limitText: string | null): Promise<unknown> {
    const now = Date.now();
    if (path === '/api/v1/overview') {
      allow(method, 'GET');
      const jobs = this.engine.jobDetails();
      const count = (status: JobDetails['status']): number => jobs.filter((job) => job.status === status).length;
      return { uptimeMs: now - this.startedAt, jobs: { running: count('running'), finished: count('finished'), cancelled: count('cancelled'), failed: count('failed') } };
    }
    if (path === '/api/v1/tables') {
      allow(method, 'GET');
      return { tables: this.engine.tables() };
    }
    if (path === '/api/v1/sql') {
      allow(method, 'POST');
      requireJson(request);
      return this.sql(await readJson(request));
    }
    if (path === '/api/v1/jobs') {
      allow(method, 'GET');
      return { jobs: this.engine.jobDetails().map(({ vertices: _vertices, tables: _tables, ...job }) => job) };
    }
    const match = /^\/api\/v1\/jobs\/([0-9a-f]{32})(?:\/(stop|savepoints)|\/vertices\/(\d+)\/result)?$/.exec(path);
    if (!match) throw new HttpError(404, `No such resource: ${path}`);
    const [, id, action, vertex] = match as unknown as [string, string, string | undefined, string | undefined];
    const job = this.engine.jobDetails().find((candidate) => candidate.id === id);
    if (!job) throw new HttpError(404, `No job ${id} (GET /api/v1/jobs lists the jobs)`);
    if (vertex !== undefined) {
      allow(method, 'GET');
      const target = job.vertices.find((v) => v.id === Number(vertex));
      if (!target) throw new HttpError(404, `Job '${job.name}' has no vertex ${vertex}`);
      if (!target.queryable) throw new HttpError(409, `${target.name} of job '${job.name}' does not keep its result rows in state (a GROUP BY, a Top-N, a deduplication or an upsert source's normalization does)`);
      if (job.status !== 'running') throw new HttpError(409, `Job '${job.name}' (${id}) is not running: ${job.status}; its state is gone`);
      const limit = limitText === null ? DEFAULT_RESULT_LIMIT : Number(limitText);
      if (!Number.isInteger(limit) || limit < 0) throw new HttpError(400, `limit must be a whole number ≥ 0, got '${limitText}'`);
      return this.engine.vertexResult(id, Number(vertex), limit);
    }
    if (action === undefined) {
      allow(method, 'GET');
      return this.withRates(job, now);
    }
    allow(method, 'POST');
    requireJson(request);
    if (job.status !== 'running') throw new HttpError(409, `Job '${job.name}' (${id}) is not running: ${job.status}`);
    if (action === 'stop') {
      if (!(await this.engine.stopJobById(id))) throw new HttpError(409, `Job '${job.name}' (${id}) is not running`);
      return { id, status: 'cancelled' };
    }
    const body = await readJson(request);
    const stop = typeof body === 'object' && body !== null && (body as { stop?: unknown }).stop === true;
    return { id, savepoint: await this.engine.savepointJobById(id, stop), stopped: stop };
  }

  /** `POST /api/v1/sql`: one SELECT; its rows once it ends, or after `limit` rows or `timeoutMs` (at most 60 s). */
  private async sql(body: unknown): Promise<QuerySnapshot> {
    const request = (typeof body === 'object' && body !== null ? body : {}) as { statement?: unknown; limit?: unknown; timeoutMs?: unknown };
    if (typeof request.statement !== 'string' || request.statement.trim() === '') throw new HttpError(400, 'The body needs a "statement": one SELECT');
    const limit = request.limit === undefined ? DEFAULT_RESULT_LIMIT : request.limit;
    const timeoutMs = request.timeoutMs === undefined ? DEFAULT_SQL_TIMEOUT_MS : request.timeoutMs;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw new HttpError(400, '"limit" must be a whole number ≥ 0');
    if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0 && timeoutMs <= MAX_SQL_TIMEOUT_MS)) throw new HttpError(400, `"timeoutMs" must be between 0 and ${MAX_SQL_TIMEOUT_MS}`);
    try {
      return await this.engine.query(request.statement.trim().replace(/;\s*$/, ''), limit, timeoutMs);
    } catch (error) {
      // The statement's fault (syntax, planning, unsupported): a bad request; a failing job stays a conflict.
      if (isSluiceError(error) && error.kind !== 'execution' && error.kind !== 'connector' && error.kind !== 'internal') throw new HttpError(400, error.message);
      throw error;
    }
  }

  private withRates(job: JobDetails, now: number): JobWithRates {
    const rates = this.rates.rates(job, now);
    return { ...job, vertices: job.vertices.map((vertex) => ({ ...vertex, rates: rates.get(vertex.id)! })) };
  }

  private async sendFile(response: ServerResponse, file: string): Promise<void> {
    const body = await readFile(new URL(`./dashboard/${file}`, import.meta.url));
    response.writeHead(200, { 'content-type': CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    response.end(body);
  }
}

function allow(method: string, expected: 'GET' | 'POST'): void {
  if (method !== expected && !(expected === 'GET' && method === 'HEAD')) throw new HttpError(405, `Method ${method} not allowed here; use ${expected}`);
}

/**
 * A POST must say `content-type: application/json`: a web page elsewhere cannot send that to this server without
 * the browser asking first (a CORS preflight, which the server never grants), so it cannot stop jobs or run SQL.
 */
function requireJson(request: IncomingMessage): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, "POST requests need 'content-type: application/json'");
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  response.end(JSON.stringify(body, jsonValue, 2));
}

/** Result values in JSON: BIGINT as a number while exact, else as text; BYTES as hex; MAP as [key, value] pairs. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value instanceof Map) return [...value.entries()];
  return value;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 65_536) throw new HttpError(413, 'Request body too large');
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not JSON');
  }
}
