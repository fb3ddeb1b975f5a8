/**
 * `npm run fuzz -- --cases N --seed S [--out DIR] [--runner embedded|cli] [--shape NAME] [--minimize-runs R]`:
 * differential fuzzing of Sluice against Flink. Case i uses seed S + i (so any case can be replayed alone with
 * `--cases 1 --seed S+i`, with the same `--shape` if one was forced); each diff is minimized (at most R reruns,
 * default 30) and written as a corpus case `fuzz-<seed>/` under test/conformance/ (or --out) with Flink's expected
 * output and a NOTES.md (todo). `--runner cli` (the default) runs Sluice's CLI from dist/ (run `npm run build`
 * first); `embedded` runs src/ in this process: seconds per case instead of a CLI start-up (10 s+) per run.
 */
import { join } from 'node:path';
import { CORPUS_ROOT } from '../test/oracle/case-directory.js';
import type { SluiceRunner } from '../test/oracle/check-case.js';
import { FlinkOracle } from '../test/oracle/flink-oracle.js';
import { generateSpec, minimize, runSpec, writeReproduction } from '../test/oracle/fuzz/fuzz-case.js';
import { isQueryShape, QUERY_SHAPES, type QueryShape } from '../test/oracle/fuzz/random-query.js';

function option(args: readonly string[], name: string, fallback: number | string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : String(fallback);
}

type Tally = { agree: number; diff: number; 'oracle-error': number };

async function main(args: readonly string[]): Promise<number> {
  const cases = Number(option(args, '--cases', 20));
  const seed = Number(option(args, '--seed', Date.now() % 100000));
  const out = option(args, '--out', CORPUS_ROOT);
  const runner = option(args, '--runner', 'cli');
  const shapeName = option(args, '--shape', '');
  const minimizeBudget = Number(option(args, '--minimize-runs', 30));
  if (runner !== 'cli' && runner !== 'embedded') {
    console.error(`--runner must be cli or embedded, not ${runner}`);
    return 2;
  }
  if (shapeName !== '' && !isQueryShape(shapeName)) {
    console.error(`--shape must be one of ${QUERY_SHAPES.join(', ')}, not ${shapeName}`);
    return 2;
  }
  const shape: QueryShape | undefined = shapeName === '' ? undefined : shapeName as QueryShape;
  const sluiceRunner: SluiceRunner = runner;
  const oracle = FlinkOracle.start();
  const counts: Tally = { agree: 0, diff: 0, 'oracle-error': 0 };
  const byShape = new Map<QueryShape, Tally>();
  const started = Date.now();
  try {
    for (let i = 0; i < cases; i++) {
      const caseSeed = seed + i;
      const spec = generateSpec(caseSeed, shape);
      const outcome = await runSpec(oracle, spec, sluiceRunner);
      counts[outcome.kind]++;
      const tally = byShape.get(spec.query.shape) ?? { agree: 0, diff: 0, 'oracle-error': 0 };
      tally[outcome.kind]++;
      byShape.set(spec.query.shape, tally);
      const label = `seed ${caseSeed} [${spec.query.shape}]`;
      if (outcome.kind === 'agree') { console.log(`${label}: agree (${outcome.changes} changes)`); continue; }
      if (outcome.kind === 'oracle-error') { console.log(`${label}: Flink rejected the case (skipped): ${outcome.message.split('\n').slice(0, process.env.SLUICE_FUZZ_FULL_ERRORS ? 40 : 3).join(' | ')}`); continue; }
      const small = await minimize(oracle, outcome, sluiceRunner, minimizeBudget);
      const dir = join(out, `fuzz-${caseSeed}`);
      writeReproduction(dir, small, `fuzz seed ${caseSeed}${shape ? ` --shape ${shape}` : ''}`);
      console.log(`${label}: DIFF (${outcome.spec.table.rows.length} rows, minimized to ${small.spec.table.rows.length}) -> ${dir}\n${small.verdict.report}`);
    }
  } finally {
    await oracle.close();
  }
  for (const [name, tally] of byShape) console.log(`  ${name}: ${tally.agree} agree, ${tally.diff} diffs, ${tally['oracle-error']} rejected`);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`fuzz: ${cases} cases from seed ${seed} (${runner}${shape ? `, shape ${shape}` : ''}, ${seconds} s): `
    + `${counts.agree} agree, ${counts.diff} diffs, ${counts['oracle-error']} rejected by Flink`);
  return counts.diff === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
