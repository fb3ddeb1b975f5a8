/**
 * The real `sluice` command as the tests run it: bin/sluice.js over the bundle in dist/bundle (`npm test` builds
 * first). `ensureCliBuilt()` builds it when a test file is run on its own before any build.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SLUICE_BIN = join(REPO_ROOT, 'bin', 'sluice.js');
const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'bundle', 'main.js');

/** Whether the CLI bin/sluice.js runs has been built. */
export function cliBuilt(): boolean {
  return existsSync(CLI_BUNDLE);
}

/** Builds the CLI (`npm run build`) unless it is there. */
export function ensureCliBuilt(): void {
  if (cliBuilt()) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('`npm run build` failed: run it to see why');
}
