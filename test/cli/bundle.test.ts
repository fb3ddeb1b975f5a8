/**
 * The bundle bin/sluice.js runs (dist/bundle, made by `npm run build`): every file a bundled module starts from its
 * own location — a worker, `new URL('./x.js', import.meta.url)` — must be in the bundle beside it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, ensureCliBuilt } from '../support/cli-build.js';

test('files the bundle loads beside itself are in the bundle', () => {
  ensureCliBuilt();
  const directory = join(REPO_ROOT, 'dist', 'bundle');
  const referenced = readdirSync(directory)
    .filter((name) => name.endsWith('.js'))
    .flatMap((name) => [...readFileSync(join(directory, name), 'utf8').matchAll(/new URL\("\.\/([\w.-]+\.js)", import\.meta\.url\)/g)].map((match) => match[1]!));
  assert.ok(referenced.includes('json-decode-worker.js'), 'the JSON reader starts its worker from the bundle');
  for (const file of referenced) assert.ok(existsSync(join(directory, file)), `dist/bundle/${file} is missing`);
});
