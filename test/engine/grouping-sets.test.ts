/** GROUPING SETS, ROLLUP and CUBE, with GROUPING()/GROUPING_ID(), on unbounded and window aggregations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { DOCUMENTED_BIDS, engineWithBids, rowStrings } from './helpers.js';

function engineWithT(): Engine {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'a', type: 'STRING' }, { name: 'b', type: 'STRING' }, { name: 'v', type: 'INT' }],
    rows: [{ a: 'x', b: 'p', v: 1 }, { a: 'x', b: 'q', v: 2 }, { a: 'y', b: 'p', v: 3 }, { a: null, b: 'p', v: 4 }],
  });
  return engine;
}

test('ROLLUP (a, b): subtotals per a and a grand total; a grouped-away key is NULL, told apart by GROUPING_ID', async () => {
  const rows = await engineWithT().query('SELECT a, b, GROUPING_ID(a, b) AS g, GROUPING(a) AS ga, SUM(v) AS s FROM t GROUP BY ROLLUP (a, b)').toArray();
  assert.deepEqual(rowStrings(rows), [
    'null,null,1,0,4', // the real NULL a: a grouped, b away
    'null,null,3,1,10', // grand total
    'null,p,0,0,4',
    'x,null,1,0,3',
    'x,p,0,0,1',
    'x,q,0,0,2',
    'y,null,1,0,3',
    'y,p,0,0,3',
  ]);
});

test('CUBE (a, b) and GROUPING SETS with a plain key beside them', async () => {
  const engine = engineWithT();
  const cube = await engine.query('SELECT a, b, COUNT(*) AS n FROM t GROUP BY CUBE (a, b)').toArray();
  assert.equal(cube.length, 4 + 3 + 2 + 1); // (a,b), (a), (b), ()
  const sets = await engine.query('SELECT b, a, COUNT(*) AS n FROM t GROUP BY b, GROUPING SETS ((a), ())').toArray();
  assert.deepEqual(rowStrings(sets), ['p,null,1', 'p,null,3', 'p,x,1', 'p,y,1', 'q,null,1', 'q,x,1']);
});

test('window aggregation with GROUPING SETS emits each set once per window', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query(`SELECT window_start, item, GROUPING_ID(item) AS g, SUM(price) AS total
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
    GROUP BY window_start, window_end, GROUPING SETS ((item), ())`).toArray();
  assert.deepEqual(rowStrings(rows), [
    '2020-04-15 08:00:00.000,A,0,2.00',
    '2020-04-15 08:00:00.000,C,0,4.00',
    '2020-04-15 08:00:00.000,D,0,5.00',
    '2020-04-15 08:00:00.000,null,1,11.00',
    '2020-04-15 08:10:00.000,B,0,3.00',
    '2020-04-15 08:10:00.000,E,0,1.00',
    '2020-04-15 08:10:00.000,F,0,6.00',
    '2020-04-15 08:10:00.000,null,1,10.00',
  ]);
  assert.equal(engine.query(`SELECT window_start FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
    GROUP BY window_start, window_end, ROLLUP (item)`).updating, false);
});
