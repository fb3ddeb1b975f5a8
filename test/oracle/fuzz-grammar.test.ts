/**
 * The fuzzer's grammar: every shape makes SQL that Sluice plans and runs (the oracle side is exercised by
 * `npm run fuzz`, which needs Java), the sink types follow Flink's derivation rules, and two-input shapes get no
 * late rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseSql, generateSpec, writeSpec } from './fuzz/fuzz-case.js';
import { QUERY_SHAPES } from './fuzz/random-query.js';
import { withoutLateRows, type FuzzTable } from './fuzz/schema-and-data.js';
import { arithmeticWithIntLiteralType, avgType, sumType } from './fuzz/sql-types.js';
import { runSluiceEmbedded } from './sluice-embedded.js';

const SEEDS_PER_SHAPE = 4;

for (const shape of QUERY_SHAPES) {
  test(`fuzz shape '${shape}': Sluice runs the generated scripts`, async () => {
    for (let seed = 1; seed <= SEEDS_PER_SHAPE; seed++) {
      const spec = generateSpec(seed, shape);
      assert.equal(spec.query.shape, shape);
      const dir = mkdtempSync(join(tmpdir(), 'sluice-fuzz-grammar-'));
      try {
        writeSpec(dir, spec, 'grammar test');
        const run = await runSluiceEmbedded(caseSql(spec, 'grammar test'), dir);
        assert.equal(run.exitCode, 0, `seed ${seed}:\n${caseSql(spec, '')}\n${run.stderr}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
}

test('the shapes draw window TVFs of every kind, legacy group windows and GROUPING SETS', () => {
  const sql = Array.from({ length: 200 }, (_, seed) => caseSql(generateSpec(seed), '')).join('\n');
  for (const pattern of [/TUMBLE\(TABLE/, /HOP\(TABLE/, /CUMULATE\(TABLE/, /SESSION\(TABLE t PARTITION BY/, /SESSION\(TABLE t,/,
    /GROUP BY TUMBLE\(ts/, /ROLLUP|CUBE|GROUPING SETS/, /ROW_NUMBER\(\) OVER/, /FULL OUTER JOIN/, /UNION ALL/, /INTERVAL '-\d+' SECOND\)\)/]) {
    assert.match(sql, pattern);
  }
});

test('sink types follow Flink: SUM/AVG of DECIMAL widen, DECIMAL arithmetic with an INT literal', () => {
  assert.equal(sumType('DECIMAL(10, 2)'), 'DECIMAL(38, 2)');
  assert.equal(avgType('DECIMAL(12, 4)'), 'DECIMAL(38, 6)');
  assert.equal(avgType('INT'), 'INT');
  assert.equal(arithmeticWithIntLiteralType('DECIMAL(10, 2)', '+'), 'DECIMAL(13, 2)');
  assert.equal(arithmeticWithIntLiteralType('DECIMAL(10, 2)', '*'), 'DECIMAL(20, 2)');
  assert.equal(arithmeticWithIntLiteralType('DECIMAL(10, 2)', '/'), 'DECIMAL(21, 13)');
  assert.equal(arithmeticWithIntLiteralType('DOUBLE', '/'), 'DOUBLE');
  assert.equal(arithmeticWithIntLiteralType('INT', '/'), 'INT');
});

test('withoutLateRows keeps only rows after the per-record watermark', () => {
  const table: FuzzTable = {
    keys: [{ name: 'k1', type: 'STRING' }], values: [], delaySeconds: 2,
    rows: [
      { ts: '2024-01-01 00:00:10.000' }, { ts: '2024-01-01 00:00:08.500' }, // within the delay: kept
      { ts: '2024-01-01 00:00:20.000' }, { ts: '2024-01-01 00:00:18.000' }, // at the watermark: late
      { ts: '2024-01-01 00:00:17.000' }, { ts: '2024-01-01 00:00:21.000' },
    ],
  };
  assert.deepEqual(withoutLateRows(table).rows.map((r) => r['ts']!.toString().slice(17)),
    ['10.000', '08.500', '20.000', '21.000']);
});

test('join and union cases have no late rows', () => {
  for (let seed = 0; seed < 40; seed++) {
    for (const shape of ['join', 'union'] as const) {
      const spec = generateSpec(seed, shape);
      assert.equal(withoutLateRows(spec.table).rows.length, spec.table.rows.length);
    }
  }
});
