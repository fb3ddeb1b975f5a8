/**
 * `npm run fuzz -- --cases N --seed S [--out DIR]`: differential fuzzing of Sluice against Flink. Case i uses seed
 * S + i (so any case can be replayed alone with `--cases 1 --seed S+i`); each diff is minimized and written as a
 * corpus case `test/conformance/fuzz-<seed>/` (or under --out) with Flink's expected output and a NOTES.md (todo).
 */
import { join } from 'node:path';
import { CORPUS_ROOT } from '../test/oracle/case-directory.js';
import { FlinkOracle } from '../test/oracle/flink-oracle.js';
import { generateSpec, minimize, runSpec, writeReproduction } from '../test/oracle/fuzz/fuzz-case.js';

function option(args: readonly string[], name: string, fallback: number | string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : String(fallback);
}

async function main(args: readonly string[]): Promise<number> {
  const cases = Number(option(args, '--cases', 20));
  const seed = Number(option(args, '--seed', Date.now() % 100000));
  const out = option(args, '--out', CORPUS_ROOT);
  const oracle = FlinkOracle.start();
  const counts = { agree: 0, diff: 0, 'oracle-error': 0 };
  try {
    for (let i = 0; i < cases; i++) {
      const caseSeed = seed + i;
      const outcome = await runSpec(oracle, generateSpec(caseSeed));
      counts[outcome.kind]++;
      if (outcome.kind === 'agree') { console.log(`seed ${caseSeed}: agree`); continue; }
      if (outcome.kind === 'oracle-error') { console.log(`seed ${caseSeed}: Flink rejected the case (skipped): ${outcome.message.split('\n')[0]}`); continue; }
      const small = await minimize(oracle, outcome);
      const dir = join(out, `fuzz-${caseSeed}`);
      writeReproduction(dir, small, `fuzz seed ${caseSeed}`);
      console.log(`seed ${caseSeed}: DIFF (${outcome.spec.table.rows.length} rows, minimized to ${small.spec.table.rows.length}) -> ${dir}\n${small.verdict.report}`);
    }
  } finally {
    await oracle.close();
  }
  console.log(`fuzz: ${cases} cases from seed ${seed}: ${counts.agree} agree, ${counts.diff} diffs, ${counts['oracle-error']} rejected by Flink`);
  return counts.diff === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
