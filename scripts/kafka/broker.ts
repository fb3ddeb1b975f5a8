/**
 * A single-node Apache Kafka broker (KRaft, broker and controller in one JVM) for tests and examples.
 *
 * `fetchKafka()` downloads `org.apache.kafka:kafka_2.13` and its runtime dependencies from Maven Central with
 * `mvn dependency:copy-dependencies` (scripts/kafka/pom.xml) into a cache outside the repository
 * (`$SLUICE_CACHE_DIR`, else `$XDG_CACHE_HOME/sluice`, else `~/.cache/sluice`), then formats a storage template
 * once. `startBroker()` copies the template into a fresh temporary directory, picks free ports on 127.0.0.1,
 * starts `java -cp … kafka.Kafka server.properties` and waits until the broker answers metadata requests.
 *
 * The quorum is static (`controller.quorum.voters`), so a formatted storage directory holds no port and the
 * template can be reused by every broker: this saves a JVM start (~6 s) per broker.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Kafka 4.1.0 talks to kafkajs 2.2.4 (checked: produce, consumer groups, list offsets, offset commits). */
export const DEFAULT_KAFKA_VERSION = '4.1.0';

const POM = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');
const NODE_ID = 1;

/** Why the broker could not be fetched or started (Java or Maven missing, download or startup failure). */
export class BrokerError extends Error {
  constructor(message: string, readonly missingTool?: 'java' | 'mvn') {
    super(message);
    this.name = 'BrokerError';
  }
}

export function kafkaVersion(): string {
  return process.env['SLUICE_KAFKA_VERSION'] ?? DEFAULT_KAFKA_VERSION;
}

export function cacheRoot(): string {
  const explicit = process.env['SLUICE_CACHE_DIR'];
  if (explicit) return explicit;
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'sluice');
}

/** Where one Kafka version lives: `libs/` (the jars) and `storage-template/` (a formatted log directory). */
export function kafkaHome(version = kafkaVersion()): string {
  return join(cacheRoot(), `kafka-${version}`);
}

/** Whether `tool` runs (`java -version`, `mvn -v`). */
export function hasTool(tool: 'java' | 'mvn'): boolean {
  const result = spawnSync(tool, [tool === 'java' ? '-version' : '-v'], { stdio: 'ignore' });
  return result.status === 0;
}

function isFetched(home: string): boolean {
  return existsSync(join(home, 'libs', '.complete')) && existsSync(join(home, 'storage-template', '.complete'));
}

/**
 * Downloads the broker into the cache (a no-op when it is there) and formats the storage template.
 * Returns the Kafka home directory. `log` receives progress lines.
 */
export function fetchKafka(log: (line: string) => void = () => {}, version = kafkaVersion()): string {
  const home = kafkaHome(version);
  if (isFetched(home)) return home;
  if (!hasTool('java')) throw new BrokerError('Java (17 or newer) is not installed: `java -version` failed', 'java');
  const libs = join(home, 'libs');
  if (!existsSync(join(libs, '.complete'))) {
    if (!hasTool('mvn')) throw new BrokerError('Maven is not installed: `mvn -v` failed', 'mvn');
    log(`fetching Apache Kafka ${version} from Maven Central into ${libs} (about 45 MB, once)`);
    rmSync(libs, { recursive: true, force: true });
    const mvn = spawnSync('mvn', [
      '-q', '-B', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime',
      `-Dkafka.version=${version}`, `-DoutputDirectory=${libs}`,
    ], { encoding: 'utf8' });
    if (mvn.status !== 0) throw new BrokerError(`mvn dependency:copy-dependencies failed:\n${mvn.stdout}${mvn.stderr}`);
    writeFileSync(join(libs, '.complete'), `${version}\n`);
  }
  formatTemplate(home, log);
  return home;
}

function formatTemplate(home: string, log: (line: string) => void): void {
  const template = join(home, 'storage-template');
  rmSync(template, { recursive: true, force: true });
  mkdirSync(template, { recursive: true });
  log(`formatting a KRaft storage template in ${template}`);
  const config = join(home, 'format.properties');
  // Ports are irrelevant for formatting a static quorum; the storage holds only the cluster and node ids.
  writeFileSync(config, serverProperties({ logDir: template, brokerPort: 9092, controllerPort: 9093 }));
  const clusterId = randomBytes(16).toString('base64url');
  const format = spawnSync('java', ['-cp', classpath(home), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config], { encoding: 'utf8' });
  if (format.status !== 0) throw new BrokerError(`kafka-storage format failed:\n${format.stdout}${format.stderr}`);
  writeFileSync(join(template, '.complete'), `${clusterId}\n`);
}

function classpath(home: string): string {
  return `${join(home, 'libs')}/*`;
}

interface PropertiesInput {
  readonly logDir: string;
  readonly brokerPort: number;
  readonly controllerPort: number;
}

/**
 * Single-node settings: replication factor and min ISR 1 for internal topics, no initial rebalance delay, and no
 * time-based retention. The tests write records with event-time timestamps in 1970; under the default 7-day
 * retention, the broker's retention check (every 5 minutes) deleted them mid-test, moving a partition's earliest
 * offset to its end, so a read from the earliest offset found nothing.
 */
export function serverProperties(input: PropertiesInput): string {
  return [
    'process.roles=broker,controller',
    `node.id=${NODE_ID}`,
    `controller.quorum.voters=${NODE_ID}@127.0.0.1:${input.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${input.brokerPort},CONTROLLER://127.0.0.1:${input.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${input.brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${input.logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'log.flush.interval.messages=9223372036854775807',
    'log.retention.ms=-1',
    '',
  ].join('\n');
}

const LOG4J2 = (file: string): string => [
  'rootLogger.level=WARN',
  'rootLogger.appenderRef.file.ref=FILE',
  'appender.file.type=File',
  'appender.file.name=FILE',
  `appender.file.fileName=${file}`,
  'appender.file.layout.type=PatternLayout',
  'appender.file.layout.pattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

/** A free TCP port on 127.0.0.1 (the OS picks it; another process could take it before the broker binds). */
export async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningBroker {
  /** `127.0.0.1:<port>` */
  readonly bootstrap: string;
  readonly pid: number;
  /** The broker's temporary directory (config, data, broker.log); deleted by `stop()`. */
  readonly directory: string;
  /** The child process when this process started it (undefined when attached through a state file). */
  readonly process: ChildProcess | undefined;
  /** Stops the broker (SIGTERM, then SIGKILL after `graceMs`) and deletes its directory. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  readonly log?: (line: string) => void;
  /** Give up after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Let the broker outlive this process (the CLI's `start`); tests keep it attached. */
  readonly detached?: boolean;
  /** Use this client port (e.g. announced to other processes before the broker is up); default: a free one. */
  readonly port?: number;
}

/** Fetches (if needed) and starts a broker; resolves once it answers requests. */
export async function startBroker(options: StartOptions = {}): Promise<RunningBroker> {
  const log = options.log ?? (() => {});
  if (!hasTool('java')) throw new BrokerError('Java (17 or newer) is not installed: `java -version` failed', 'java');
  const home = fetchKafka(log);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(home, options);
    } catch (error) {
      // A port picked as free may have been taken before the broker bound it: try other ports once or twice.
      if (attempt >= 3 || options.port !== undefined || !(error instanceof BrokerError) || !/Address already in use|BindException/.test(error.message)) throw error;
      log(`port clash, retrying (${error.message.split('\n')[0]})`);
    }
  }
}

async function startOnce(home: string, options: StartOptions): Promise<RunningBroker> {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-kafka-'));
  const logDir = join(directory, 'data');
  cpSync(join(home, 'storage-template'), logDir, { recursive: true });
  rmSync(join(logDir, '.complete'), { force: true });
  const [brokerPort, controllerPort] = [options.port ?? await freePort(), await freePort()];
  const config = join(directory, 'server.properties');
  writeFileSync(config, serverProperties({ logDir, brokerPort, controllerPort }));
  const log4j = join(directory, 'log4j2.properties');
  const logFile = join(directory, 'broker.log');
  writeFileSync(log4j, LOG4J2(logFile));
  const output = openSync(join(directory, 'stdout.log'), 'a');
  const child = spawn('java', [
    '-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath(home), 'kafka.Kafka', config,
  ], { stdio: ['ignore', output, output], detached: options.detached === true });
  closeSync(output);
  if (options.detached) child.unref();
  const bootstrap = `127.0.0.1:${brokerPort}`;
  const broker = brokerHandle(bootstrap, child.pid ?? -1, directory, child);
  let exited: string | undefined;
  child.once('exit', (code, signal) => { exited = `exited with ${signal ?? `code ${code}`}`; });
  child.once('error', (error) => { exited = `failed to run: ${error.message}`; });
  try {
    await waitUntilReady(brokerPort, options.timeoutMs ?? 60_000, () => exited);
  } catch (error) {
    const tail = readTail(join(directory, 'stdout.log')) + readTail(logFile);
    await broker.stop(2_000);
    throw new BrokerError(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
  }
  return broker;
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

/** Polls until the port accepts a connection and answers a Kafka ApiVersions request. */
async function waitUntilReady(port: number, timeoutMs: number, exited: () => string | undefined, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const gone = exited();
    if (gone !== undefined) throw new BrokerError(`the broker ${gone} before it was ready`);
    if (await answersApiVersions(port, host)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new BrokerError(`the broker did not answer on ${host}:${port} within ${timeoutMs} ms`);
}

/** Waits until the broker at `bootstrap` (`host:port`) answers, e.g. one another process is starting. */
export async function waitForBroker(bootstrap: string, timeoutMs: number): Promise<void> {
  const separator = bootstrap.lastIndexOf(':');
  await waitUntilReady(Number(bootstrap.slice(separator + 1)), timeoutMs, () => undefined, bootstrap.slice(0, separator));
}

/** Sends ApiVersions v0 (correlation id 1) and waits for a complete response with error code 0. */
function answersApiVersions(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const clientId = Buffer.from('sluice-probe');
    const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length);
    let o = request.writeInt32BE(request.length - 4, 0);
    o = request.writeInt16BE(18, o); // ApiVersions
    o = request.writeInt16BE(0, o);
    o = request.writeInt32BE(1, o);
    o = request.writeInt16BE(clientId.length, o);
    clientId.copy(request, o);
    let received = Buffer.alloc(0);
    const done = (ok: boolean): void => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 10 && received.length >= received.readInt32BE(0) + 4) done(received.readInt16BE(8) === 0);
    });
    socket.connect(port, host, () => socket.write(request));
  });
}

function brokerHandle(bootstrap: string, pid: number, directory: string, child: ChildProcess | undefined): RunningBroker {
  return {
    bootstrap, pid, directory, process: child,
    async stop(graceMs = 10_000): Promise<void> {
      await terminate(pid, graceMs);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function terminate(pid: number, graceMs: number): Promise<void> {
  if (pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Where `npm run kafka -- start` records the broker it started, for `stop` and for tests to reuse. */
export function stateFile(): string {
  return join(cacheRoot(), 'broker.json');
}

interface BrokerState {
  readonly bootstrap: string;
  readonly pid: number;
  readonly directory: string;
}

export function writeState(broker: RunningBroker): void {
  mkdirSync(dirname(stateFile()), { recursive: true });
  const state: BrokerState = { bootstrap: broker.bootstrap, pid: broker.pid, directory: broker.directory };
  writeFileSync(stateFile(), `${JSON.stringify(state, null, 2)}\n`);
}

/** The broker recorded in the state file, if its process is still alive. */
export function readState(): RunningBroker | undefined {
  if (!existsSync(stateFile())) return undefined;
  const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as BrokerState;
  if (!isAlive(state.pid)) return undefined;
  return brokerHandle(state.bootstrap, state.pid, state.directory, undefined);
}

export function clearState(): void {
  rmSync(stateFile(), { force: true });
}
