/** Runs a script through the real CLI (`node bin/sluice.js run case.sql`) and keeps the `print` sink's lines. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const SLUICE_BIN = resolve(import.meta.dirname, '../../bin/sluice.js');

export interface SluiceRun {
  readonly exitCode: number | null;
  /** stdout lines that are printed changes (`+I[…]`, `-U[…]`, `+U[…]`, `-D[…]`). */
  readonly printed: readonly string[];
  readonly stderr: string;
}

const PRINTED = /^[+-][IUD]\[.*\]$/;

/** `cwd` is the case folder, so that relative `'path'` options resolve as in the case. */
export function runSluiceCli(scriptPath: string, cwd: string, timeoutMs = 60_000): Promise<SluiceRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [SLUICE_BIN, 'run', scriptPath], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const printed = stdout.split('\n').filter((line) => PRINTED.test(line));
      resolveRun({ exitCode, printed, stderr });
    });
  });
}
