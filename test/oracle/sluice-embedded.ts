/**
 * Runs a case script in-process through the embedded API, statement by statement as `sluice run` does (each INSERT
 * job waited for), collecting the `print` sink's lines: the same lines as the CLI without the process start-up
 * (over 10 s per case at the moment: chevrotain's grammar analysis). The corpus test uses it unless
 * SLUICE_CONFORMANCE_CLI=1; `npm run oracle -- --check` uses the CLI, the fuzzer either (`--runner`).
 */
import { Engine } from '../../src/index.js';
import type { SluiceRun } from './sluice-cli.js';

class EmbeddedTimeout extends Error {
  override readonly name = 'EmbeddedTimeout';
}

export async function runSluiceEmbedded(sql: string, baseDirectory: string, timeoutMs = 60_000): Promise<SluiceRun> {
  const printed: string[] = [];
  const engine = new Engine({ baseDirectory, printLine: (line) => printed.push(line) });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EmbeddedTimeout(`no result within ${timeoutMs} ms`)), timeoutMs);
  });
  const run = async (): Promise<void> => {
    for await (const { result } of engine.executeScript(sql)) {
      if (result.kind === 'job') await result.job.done();
      if (result.kind === 'query') await result.result.toArray();
    }
  };
  const running = run();
  running.catch(() => {}); // after a timeout nobody awaits it any more
  try {
    await Promise.race([running, deadline]);
    return { exitCode: 0, printed, stderr: '' };
  } catch (error) {
    return { exitCode: 1, printed, stderr: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    clearTimeout(timer);
    await Promise.race([engine.close(), new Promise((resolveClose) => setTimeout(resolveClose, 1000))]);
  }
}
