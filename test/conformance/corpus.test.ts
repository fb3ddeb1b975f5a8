/**
 * The Flink conformance corpus: every `test/conformance/<case>/` with an `expected/` folder (written by the Flink
 * oracle, `npm run oracle`) is run through Sluice and compared with Flink's answer. By default each case runs
 * in-process through the embedded API, statement by statement as `sluice run` does (the whole corpus in seconds);
 * SLUICE_CONFORMANCE_CLI=1 runs each through the real CLI process instead (`node bin/sluice.js run case.sql`, after
 * `npm run build`; ~1 s of start-up per case). See docs/conformance.md.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listCases } from '../oracle/case-directory.js';
import { checkCase, type SluiceRunner } from '../oracle/check-case.js';

const cases = listCases();
const runner: SluiceRunner = process.env['SLUICE_CONFORMANCE_CLI'] === '1' ? 'cli' : 'embedded';

describe(`Flink conformance corpus (Sluice ${runner} against Flink 1.20 golden output)`, { concurrency: runner === 'cli' ? 3 : 1 }, () => {
  it('has cases', () => assert.ok(cases.length >= 60, `only ${cases.length} cases with an expected/ folder`));
  for (const testCase of cases) {
    it(testCase.name, testCase.todo ? { todo: testCase.todo } : {}, async () => {
      const verdict = await checkCase(testCase, undefined, runner);
      assert.ok(verdict.ok, `${testCase.name} differs from Flink:\n${verdict.report}`);
    });
  }
});
