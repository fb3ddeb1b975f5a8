/**
 * Lookup join through the `sluice run` command (the CLI's main, run from source): one script's job writes a sqlite
 * table, another script's job looks orders up in it and prints them, with the lookups counted in its summary.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let work = '';
before(() => {
  work = mkdtempSync(join(tmpdir(), 'sluice-lookup-cli-'));
  writeFileSync(join(work, 'sluice-main.mjs'),
    `import { main } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'src', 'cli', 'main.ts')).href)};\nprocess.exit(await main(process.argv));\n`);
  writeFileSync(join(work, 'customers.jsonl'), '{"id": 1, "name": "Ann"}\n{"id": 2, "name": "Bob"}\n');
  writeFileSync(join(work, 'orders.jsonl'), '{"order_id": "o1", "customer_id": 1}\n{"order_id": "o2", "customer_id": 3}\n{"order_id": "o3", "customer_id": 1}\n');
  writeFileSync(join(work, 'write-customers.sql'), `
CREATE TABLE customers_in (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'customers.jsonl', 'format' = 'json');
CREATE TABLE customers (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'sqlite', 'path' = 'shop.db');
INSERT INTO customers SELECT id, name FROM customers_in;
`);
  writeFileSync(join(work, 'enrich.sql'), `
CREATE TABLE orders (order_id STRING, customer_id INT, proc_time AS PROCTIME())
  WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE customers (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED)
  WITH ('connector' = 'sqlite', 'path' = 'shop.db', 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100');
CREATE TABLE out (order_id STRING, name STRING) WITH ('connector' = 'print');
INSERT INTO out SELECT o.order_id, c.name FROM orders AS o
  LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id;
`);
});
after(() => rmSync(work, { recursive: true, force: true }));

function sluice(script: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), 'sluice-main.mjs', 'run', script], {
    cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SLUICE_DEBUG: '', FORCE_COLOR: '0' },
  });
}

test('sluice run: a job writes a sqlite table, another looks orders up in it', () => {
  const write = sluice('write-customers.sql');
  assert.equal(write.status, 0, write.stderr);
  const enrich = sluice('enrich.sql');
  assert.equal(enrich.status, 0, enrich.stderr);
  assert.deepEqual(enrich.stdout.trim().split('\n').sort(), ['+I[o1, Ann]', '+I[o2, <NULL>]', '+I[o3, Ann]']);
  assert.match(enrich.stderr, /customers: 3 lookups \(cache: 1 hit, 2 misses\)/);
});
