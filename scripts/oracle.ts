/**
 * `npm run oracle -- <case dir>…` (or `--all`): runs each case's SQL in Flink (test/oracle/flink, built on first
 * use) and writes the case's `expected/`. `--check` then runs the case through Sluice's CLI and reports diffs.
 */
import { listCases, readCase, CORPUS_ROOT } from '../test/oracle/case-directory.js';
import { checkCase, oracleExpectation } from '../test/oracle/check-case.js';
import { writeExpected } from '../test/oracle/expected-result.js';
import { FlinkOracle } from '../test/oracle/flink-oracle.js';

async function main(args: readonly string[]): Promise<number> {
  const check = args.includes('--check');
  const dirs = args.filter((arg) => !arg.startsWith('--'));
  const cases = args.includes('--all') ? listCases(CORPUS_ROOT, false) : dirs.map((dir) => readCase(dir));
  if (cases.length === 0) {
    console.error('usage: npm run oracle -- <case dir>… [--check]   |   npm run oracle -- --all [--check]');
    return 2;
  }
  const oracle = FlinkOracle.start();
  let failures = 0;
  try {
    for (const testCase of cases) {
      const started = Date.now();
      try {
        const expected = await oracleExpectation(oracle, testCase);
        writeExpected(testCase.dir, expected);
        let line = `${testCase.name}: ${expected.changes.length} changes (${expected.order}) in ${Date.now() - started} ms`;
        if (check) {
          const verdict = await checkCase(testCase, expected);
          line += verdict.ok ? ', Sluice agrees' : `, SLUICE DIFFERS${testCase.todo ? ' (known: todo)' : ''}\n${verdict.report}`;
          if (!verdict.ok && !testCase.todo) failures++;
        }
        console.log(line);
      } catch (error) {
        failures++;
        console.log(`${testCase.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await oracle.close();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
