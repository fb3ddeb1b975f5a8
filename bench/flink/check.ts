/**
 * Checks that the Flink side of the Nexmark benchmark runs: writes the hand-written sample (sample-events.ts) into a
 * temp folder and runs q0, q1, q2, q5, q7 and q8 on Flink twice each — with the print sink, to count the rows
 * against the expected counts, and with the blackhole sink the benchmark measures. Not part of `npm test` (a JVM
 * and a mini-cluster per run: about 10 s each).
 *
 *   node --import tsx bench/flink/check.ts [q0 q7 …]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFlinkQuery } from '../flink-runner.js';
import { expectedSampleRows, sampleEventLines } from './sample-events.js';

const QUERIES = ['q0', 'q1', 'q2', 'q5', 'q7', 'q8'] as const;

async function check(queries: readonly string[]): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-flink-check-'));
  const input = join(dir, 'sample.jsonl');
  const lines = sampleEventLines();
  writeFileSync(input, `${lines.join('\n')}\n`);
  process.stdout.write(`sample: ${lines.length} events in ${input}\n`);
  const expected = expectedSampleRows();
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  let allGood = true;
  try {
    for (const query of queries) {
      const printed = await runFlinkQuery({ query, input, sink: 'print', log });
      const measured = await runFlinkQuery({ query, input, log });
      const want = expected[query];
      const rows = printed.printedRows ?? 0;
      const rowsOk = want === undefined ? rows > 0 : rows === want;
      const eventsOk = printed.events === lines.length && measured.events === lines.length;
      allGood &&= rowsOk && eventsOk;
      process.stdout.write(`${rowsOk && eventsOk ? 'ok  ' : 'FAIL'} ${query}: print sink ${rows} rows (expected ${want ?? '> 0'}),`
        + ` blackhole run ${measured.events} events in ${measured.elapsedMs} ms (JVM ${measured.jvmMs} ms, peak RSS ${measured.peakRssMb} MB)\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return allGood;
}

const requested = process.argv.slice(2);
const ok = await check(requested.length > 0 ? requested : QUERIES);
process.stdout.write(ok ? 'Flink runs every checked query on the sample.\n' : 'Some checks failed.\n');
process.exit(ok ? 0 : 1);
