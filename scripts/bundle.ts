/**
 * The second half of `npm run build`: bundles the compiled CLI, the public API and the JSON-decode worker from
 * dist/src into dist/bundle, so start-up loads a handful of files instead of ~1,000 ES modules (chevrotain alone
 * pulls in ~600 lodash-es files; Node 20 has no module compile cache). `sluice` and `import … from 'sluice'` run the
 * bundle; tests run the TypeScript sources. Measured by `npm run bench:startup` (docs/benchmarks.md).
 *
 * Dependencies stay external — they are installed next to the package, and better-sqlite3 is a native addon —
 * except chevrotain, whose lodash-es imports are the cost being removed.
 *
 *   node --import tsx scripts/bundle.ts    # after `tsc -p tsconfig.build.json`
 */
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const BUNDLED_DEPENDENCIES = new Set(['chevrotain']);
const outdir = resolve(root, 'dist/bundle');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // Flat entry names: the JSON reader starts its worker from `new URL('./json-decode-worker.js', import.meta.url)`,
  // so the worker must sit beside the chunk that holds the reader.
  entryPoints: ['dist/src/cli/main.js', 'dist/src/index.js', 'dist/src/connectors/filesystem/json-decode-worker.js'],
  entryNames: '[name]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(manifest.dependencies).filter((name) => !BUNDLED_DEPENDENCIES.has(name)),
  sourcemap: true,
  logLevel: 'warning',
});
// The REST server serves the dashboard's files from beside its chunk (new URL('./dashboard/…', import.meta.url)).
cpSync(resolve(root, 'src/server/dashboard'), resolve(outdir, 'dashboard'), { recursive: true });
if (result.warnings.length > 0) {
  process.stderr.write(`bundle: ${result.warnings.length} warning(s), see above\n`);
  process.exitCode = 1;
}
