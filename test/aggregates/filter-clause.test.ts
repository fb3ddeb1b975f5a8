/**
 * `agg(…) FILTER (WHERE cond)`: in unbounded GROUP BY (with its changelog, and over an updating input whose -U/-D
 * undo exactly what +I/+U did), with DISTINCT, in window TVF and legacy group-window aggregations, on both state
 * backends; EXPLAIN shows the filter; misuse is refused with a positioned error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSluiceError } from '../../src/index.js';
import { BACKENDS, changeTexts, engineWithEvents, rowTexts } from './sql-support.js';

for (const backend of BACKENDS) {
  describe(`FILTER (WHERE …), ${backend} state`, () => {
    it('in GROUP BY: each aggregate sees only the rows its condition is TRUE for (NULL counts as not TRUE)', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT k, COUNT(*) AS n, COUNT(*) FILTER (WHERE v > 1) AS big, SUM(v) FILTER (WHERE b) AS sum_true,
               COUNT(DISTINCT v) FILTER (WHERE v > 1) AS distinct_big, MAX(s) FILTER (WHERE v < 3) AS small_max
        FROM events GROUP BY k`).toArray();
      assert.deepEqual(rowTexts(rows), ['a|4|3|8|3|y', 'b|2|1|null|1|null']);
    });

    it('in GROUP BY: the changelog of a filtered COUNT(*) (a row failing the filter changes nothing)', async () => {
      const changes = await changeTexts(engineWithEvents(backend), 'SELECT k, COUNT(*) FILTER (WHERE v > 1) AS big FROM events GROUP BY k');
      assert.deepEqual(changes, ['+I a|0', '-U a|0', '+U a|1', '+I b|1', '-U a|1', '+U a|2', '-U a|2', '+U a|3']);
    });

    it('over an updating input: retractions undo exactly what the filtered rows added', async () => {
      const engine = engineWithEvents(backend);
      const sql = `SELECT COUNT(*) FILTER (WHERE top >= 3) AS high, COUNT(DISTINCT top) FILTER (WHERE top > 1) AS distinct_tops,
                          SUM(top) FILTER (WHERE k = 'a') AS a_top, COUNT(*) AS n
                   FROM (SELECT k, MAX(v) AS top FROM events GROUP BY k)`;
      assert.deepEqual(rowTexts(await engine.query(sql).toArray()), ['2|2|4|2']);
      // Key a's MAX moves 1 → 2 → 3 → 4, each a -U/+U pair (the first -U empties the input: -D); b arrives with 3.
      assert.deepEqual(await changeTexts(engine, sql), [
        '+I 0|0|1|1', '-D 0|0|1|1',
        '+I 0|1|2|1',
        '-U 0|1|2|1', '+U 1|2|2|2',
        '-U 1|2|2|2', '+U 1|1|null|1', '-U 1|1|null|1', '+U 2|1|3|2',
        '-U 2|1|3|2', '+U 1|1|null|1', '-U 1|1|null|1', '+U 2|2|4|2',
      ]);
    });

    it('in a window TVF aggregation', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT window_start, COUNT(*) FILTER (WHERE v > 1) AS big, SUM(d) FILTER (WHERE b) AS paid
        FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(rows), ['2020-04-15 08:00:00.000|3|4.00', '2020-04-15 08:10:00.000|1|4.00']);
    });

    it('in a legacy group window (GROUP BY TUMBLE(…)) and a SESSION window', async () => {
      const engine = engineWithEvents(backend);
      const legacy = await engine.query(`
        SELECT TUMBLE_START(ts, INTERVAL '10' MINUTE) AS ws, k, COUNT(*) FILTER (WHERE b IS NOT NULL) AS known
        FROM events GROUP BY TUMBLE(ts, INTERVAL '10' MINUTE), k`).toArray();
      assert.deepEqual(rowTexts(legacy), [
        '2020-04-15 08:00:00.000|a|3', '2020-04-15 08:00:00.000|b|0', '2020-04-15 08:10:00.000|a|1', '2020-04-15 08:10:00.000|b|1',
      ]);
      const sessions = await engine.query(`
        SELECT window_start, COUNT(DISTINCT k) FILTER (WHERE v IS NOT NULL) AS keys_with_v
        FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(sessions), ['2020-04-15 08:01:00.000|2', '2020-04-15 08:11:00.000|1']);
    });
  });
}

describe('FILTER (WHERE …) planning', () => {
  it('EXPLAIN shows the filter on the aggregate and the condition computed below it', () => {
    const plan = engineWithEvents('memory').explain('SELECT k, COUNT(*) FILTER (WHERE v > 1) AS big FROM events GROUP BY k');
    assert.match(plan, /COUNT\(\*\) FILTER \(WHERE \(v > 1\)\) AS/);
    assert.match(plan, /CASE WHEN \(v > 1\) THEN TRUE END/);
  });

  const refusals: [string, RegExp][] = [
    ['SELECT UPPER(s) FILTER (WHERE v > 1) FROM events', /FILTER \(WHERE …\) is only allowed on aggregate functions, not on 'UPPER'/],
    ['SELECT COUNT(*) FILTER (WHERE v) FROM events', /FILTER \(WHERE …\) needs a BOOLEAN condition, not INT/],
    ['SELECT COUNT(*) FILTER (WHERE COUNT(*) > 1) FROM events', /Aggregate function calls cannot be nested/],
  ];
  for (const [sql, message] of refusals) {
    it(`refuses ${sql}`, () => {
      assert.throws(() => engineWithEvents('memory').explain(sql), (e: unknown) => isSluiceError(e) && e.kind === 'plan' && message.test(e.message) && e.position !== undefined);
    });
  }
});
