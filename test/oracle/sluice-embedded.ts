/**
 * Runs a case script in-process through the embedded API, statement by statement as `sluice run` does (each INSERT
 * job waited for), collecting the `print` sink's lines: the same lines as the CLI without ~1 s of process start-up
 * per case. The corpus test uses it unless SLUICE_CONFORMANCE_CLI=1; `npm run oracle -- --check` and the fuzzer use
 * the CLI.
 */
import { Engine } from '../../src/index.js';
import type { SluiceRun } from './sluice-cli.js';

export async function runSluiceEmbedded(sql: string, baseDirectory: string): Promise<SluiceRun> {
  const printed: string[] = [];
  const engine = new Engine({ baseDirectory, printLine: (line) => printed.push(line) });
  try {
    for await (const { result } of engine.executeScript(sql)) {
      if (result.kind === 'job') await result.job.done();
      if (result.kind === 'query') await result.result.toArray();
    }
    return { exitCode: 0, printed, stderr: '' };
  } catch (error) {
    return { exitCode: 1, printed, stderr: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    await engine.close();
  }
}
