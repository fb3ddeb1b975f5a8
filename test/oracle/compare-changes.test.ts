import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAbsolutePaths } from './case-directory.js';
import { compareChanges, printedLine, splitPrinted } from './compare-changes.js';
import type { ExpectedResult } from './expected-result.js';
import { defaultOrder } from './expected-result.js';
import { caseSql, generateSpec } from './fuzz/fuzz-case.js';

const columns = [{ name: 'k', type: 'STRING' }, { name: 'd', type: 'DOUBLE' }, { name: 'm', type: 'DECIMAL(38, 2)' }];
const result = (order: ExpectedResult['order'], changes: ExpectedResult['changes']): ExpectedResult => ({ sink: 'sink', columns, order, changes });

test('expected changes print as Sluice prints them, NULL as <NULL>', () => {
  assert.equal(printedLine(['+I', 'a', '1.5', null]), '+I[a, 1.5, <NULL>]');
});

test('multiset comparison ignores order but not multiplicity', () => {
  const want = result('multiset', [['+I', 'a', '1.0', '1.00'], ['+I', 'b', '2.0', '2.00'], ['+I', 'b', '2.0', '2.00']]);
  assert.equal(compareChanges(want, ['+I[b, 2.0, 2.00]', '+I[a, 1.0, 1.00]', '+I[b, 2.0, 2.00]']), undefined);
  const diff = compareChanges(want, ['+I[b, 2.0, 2.00]', '+I[a, 1.0, 1.00]']);
  assert.deepEqual(diff?.missing, ['+I[b, 2.0, 2.00]']);
});

test('ordered comparison reports where changelogs part', () => {
  const want = result('ordered', [['+I', 'a', '1.0', '1.00'], ['-U', 'a', '1.0', '1.00'], ['+U', 'a', '3.0', '3.00']]);
  assert.equal(compareChanges(want, ['+I[a, 1.0, 1.00]', '-U[a, 1.0, 1.00]', '+U[a, 3.0, 3.00]']), undefined);
  const diff = compareChanges(want, ['+I[a, 1.0, 1.00]', '+U[a, 3.0, 3.00]', '-U[a, 1.0, 1.00]']);
  assert.equal(diff?.firstDifference, 1);
});

test('DOUBLE matches within 1e-9 relative, DECIMAL only exactly', () => {
  const want = result('multiset', [['+I', 'a', '0.30000000000000004', '0.30']]);
  assert.equal(compareChanges(want, ['+I[a, 0.3, 0.30]']), undefined);
  assert.notEqual(compareChanges(want, ['+I[a, 0.3, 0.3]']), undefined);
  assert.notEqual(compareChanges(want, ['+I[a, 0.31, 0.30]']), undefined);
});

test('a printed line splits into values even when its one string column holds ", "', () => {
  assert.deepEqual(splitPrinted('-U[x, y, 2.5, 1.00]', columns), { kind: '-U', values: ['x, y', '2.5', '1.00'] });
  assert.equal(splitPrinted('+I[x]', columns), undefined);
});

test('window results are multisets, changelogs ordered', () => {
  assert.equal(defaultOrder([['+I', 'a']]), 'multiset');
  assert.equal(defaultOrder([['+I', 'a'], ['-U', 'a'], ['+U', 'b']]), 'ordered');
});

test('relative paths in table options become absolute for Flink', () => {
  const sql = "WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json') ... 'path' = '/abs/x.csv'";
  assert.equal(withAbsolutePaths(sql, '/cases/c1'), "WITH ('connector' = 'filesystem', 'path' = '/cases/c1/rows.json', 'format' = 'json') ... 'path' = '/abs/x.csv'");
});

test('the fuzzer generates the same case for the same seed, and one INSERT into a print sink', () => {
  const a = caseSql(generateSpec(42), 'x');
  assert.equal(a, caseSql(generateSpec(42), 'x'));
  assert.notEqual(a, caseSql(generateSpec(43), 'x'));
  assert.equal(a.match(/INSERT INTO sink/g)?.length, 1);
  assert.match(a, /'connector' = 'print'/);
  assert.match(a, /WATERMARK FOR ts AS ts - INTERVAL '\d+' SECOND/);
});
