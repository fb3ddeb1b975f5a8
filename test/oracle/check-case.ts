/** One case through both sides: Flink's answer (fresh from the oracle) or the committed one, against Sluice's CLI. */
import { join } from 'node:path';
import type { ConformanceCase } from './case-directory.js';
import { withAbsolutePaths, CASE_SQL } from './case-directory.js';
import { compareChanges, describeDiff } from './compare-changes.js';
import { defaultOrder, hasExpected, readExpected, type ExpectedResult, type RowOrder } from './expected-result.js';
import { OracleError, type FlinkOracle } from './flink-oracle.js';
import { runSluiceCli } from './sluice-cli.js';
import { runSluiceEmbedded } from './sluice-embedded.js';

export interface CaseVerdict {
  readonly ok: boolean;
  /** What differs, or why Sluice failed; empty when ok. */
  readonly report: string;
}

/** Runs the case's SQL in Flink and turns the answer into the case's expected result. */
export async function oracleExpectation(oracle: FlinkOracle, testCase: ConformanceCase): Promise<ExpectedResult> {
  const answer = await oracle.run(withAbsolutePaths(testCase.sql, testCase.dir));
  if (!answer.ok) throw new OracleError(`Flink failed on ${testCase.name}: ${answer.error}`);
  if (answer.sinks.length !== 1) {
    throw new OracleError(`${testCase.name}: a case needs exactly one INSERT, found ${answer.sinks.length}`);
  }
  const sink = answer.sinks[0]!;
  return { sink: sink.sink, columns: sink.columns, order: handSetOrder(testCase.dir) ?? defaultOrder(sink.changes), changes: sink.changes };
}

/** The committed `expected/`'s order when it was set by hand (it is not the default for its changes), so a re-run keeps it. */
function handSetOrder(dir: string): RowOrder | undefined {
  if (!hasExpected(dir)) return undefined;
  const committed = readExpected(dir);
  return committed.order === defaultOrder(committed.changes) ? undefined : committed.order;
}

export type SluiceRunner = 'cli' | 'embedded';

/**
 * Runs `case.sql` through Sluice — its CLI process (`node bin/sluice.js run`, needs `npm run build`) or the embedded
 * API in-process — and compares with `expected` (default: the committed `expected/`).
 */
export async function checkCase(testCase: ConformanceCase, expected?: ExpectedResult, runner: SluiceRunner = 'cli'): Promise<CaseVerdict> {
  const want = expected ?? readExpected(testCase.dir);
  const run = runner === 'cli'
    ? await runSluiceCli(join(testCase.dir, CASE_SQL), testCase.dir)
    : await runSluiceEmbedded(testCase.sql, testCase.dir);
  if (run.exitCode !== 0) {
    return { ok: false, report: `sluice run exited with ${run.exitCode}:\n${run.stderr.trim()}` };
  }
  const diff = compareChanges(want, run.printed);
  return diff === undefined ? { ok: true, report: '' } : { ok: false, report: describeDiff(diff) };
}
