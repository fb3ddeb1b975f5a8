/**
 * The Flink oracle from Node: builds the Java runner in `test/oracle/flink/` with Maven (first time: downloads
 * Flink 1.20 into ~/.m2), then keeps one JVM (`OracleMain --server`) that answers one script per request.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { ChangeKind, SinkColumn } from './expected-result.js';

export const ORACLE_DIR = resolve(import.meta.dirname, 'flink');
const CLASSES = join(ORACLE_DIR, 'target/classes');
const CLASSPATH_FILE = join(ORACLE_DIR, 'target/classpath.txt');

export interface OracleSink {
  readonly sink: string;
  readonly columns: readonly SinkColumn[];
  readonly changes: readonly (readonly [ChangeKind, ...(string | null)[]])[];
}

export type OracleAnswer = { readonly ok: true; readonly sinks: readonly OracleSink[] } | { readonly ok: false; readonly error: string };

export class OracleError extends Error {
  override readonly name = 'OracleError';
}

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles the runner and writes its classpath unless both are newer than the sources and the pom. */
export function ensureOracleBuilt(log: (line: string) => void = () => {}): void {
  const marker = join(CLASSES, 'dev/sluice/oracle/OracleMain.class');
  const sourcesTime = Math.max(newestSourceTime(join(ORACLE_DIR, 'src')), statSync(join(ORACLE_DIR, 'pom.xml')).mtimeMs);
  if (existsSync(marker) && existsSync(CLASSPATH_FILE) && statSync(marker).mtimeMs >= sourcesTime
    && statSync(CLASSPATH_FILE).mtimeMs >= statSync(join(ORACLE_DIR, 'pom.xml')).mtimeMs) return;
  log('Building the Flink oracle (the first build downloads Flink 1.20 into ~/.m2: about 140 MB, a minute or two)…');
  const build = spawnSync('mvn', ['-B', '-q', 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
    { cwd: ORACLE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.error) throw new OracleError(`Could not run mvn (is Maven installed?): ${build.error.message}`);
  if (build.status !== 0) throw new OracleError(`Maven build of the oracle failed:\n${build.stdout}\n${build.stderr}`);
}

/** One long-lived JVM running scripts in order. */
export class FlinkOracle {
  private readonly pending: ((line: string) => void)[] = [];
  private readonly lines: Interface;
  private readonly scratch = mkdtempSync(join(tmpdir(), 'sluice-oracle-'));
  private counter = 0;
  private exited = false;
  private stderrTail = '';

  private constructor(private readonly process: ChildProcess) {
    this.lines = createInterface({ input: process.stdout! });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    process.stderr!.on('data', (chunk: Buffer) => { this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000); });
    process.on('exit', () => {
      this.exited = true;
      for (const resolveLine of this.pending.splice(0)) resolveLine(JSON.stringify({ ok: false, error: `oracle JVM exited: ${this.stderrTail}` }));
    });
  }

  /** Starts the JVM; `periodicWatermarks` keeps Flink's own periodic watermarks (not deterministic). */
  static start(options: { periodicWatermarks?: boolean } = {}): FlinkOracle {
    ensureOracleBuilt((line) => console.error(line));
    const classpath = `${CLASSES}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
    const args = [`@${join(ORACLE_DIR, 'jvm.options')}`, '-cp', classpath, 'dev.sluice.oracle.OracleMain', '--server'];
    if (options.periodicWatermarks) args.push('--periodic-watermarks');
    return new FlinkOracle(spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  /** Runs a script (its paths already absolute). */
  async run(script: string): Promise<OracleAnswer> {
    if (this.exited) throw new OracleError(`the oracle JVM has exited: ${this.stderrTail}`);
    const path = join(this.scratch, `script-${++this.counter}.sql`);
    writeFileSync(path, script);
    const line = await new Promise<string>((resolveLine) => {
      this.pending.push(resolveLine);
      this.process.stdin!.write(path + '\n');
    });
    return JSON.parse(line) as OracleAnswer;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolveExit) => this.process.once('exit', () => resolveExit()));
    this.process.stdin!.end();
    await exited;
  }
}
