/**
 * ARRAY_AGG through SQL on both state backends: arrival order, NULLs kept unless IGNORE NULLS (inside or after the
 * parentheses), NULL when nothing is kept, DISTINCT (NULL is one value), FILTER (a left-out row is not a NULL
 * element), retraction over an updating input, window TVFs (TUMBLE, HOP, SESSION merging), and the errors.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSluiceError, type Row } from '../../src/index.js';
import { BACKENDS, engineWithEvents } from './sql-support.js';

/** A result value as text: arrays as Flink prints them (`[1, NULL]`), a NULL result as 'null'. */
function text(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? 'NULL' : text(v))).join(', ')}]`;
  return String(value);
}

function rowTexts(rows: readonly Row[]): string[] {
  return rows.map((row) => Object.values(row).map(text).join('|')).sort();
}

async function failure(sql: string): Promise<string> {
  try {
    await engineWithEvents('memory').query(sql).toArray();
  } catch (error) {
    assert.ok(isSluiceError(error), String(error));
    return error.message;
  }
  assert.fail(`expected ${sql} to fail`);
}

for (const backend of BACKENDS) {
  describe(`ARRAY_AGG, ${backend} state`, () => {
    it('GROUP BY: arrival order, NULLs kept; IGNORE NULLS inside or after the call; NULL when nothing is kept', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT k, ARRAY_AGG(s), ARRAY_AGG(ALL v RESPECT NULLS), ARRAY_AGG(s IGNORE NULLS), ARRAY_AGG(v) IGNORE NULLS,
               ARRAY_AGG(b) FILTER (WHERE v > 2)
        FROM events GROUP BY k`).toArray();
      assert.deepEqual(rowTexts(rows), [
        'a|[x, y, x, z]|[1, 2, 3, 4]|[x, y, x, z]|[1, 2, 3, 4]|[true, true]',
        'b|[NULL, w]|[3, NULL]|[w]|[3]|[NULL]',
      ]);
    });

    it('DISTINCT: each value once in order of first arrival, NULL one value; with IGNORE NULLS none', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT k, ARRAY_AGG(DISTINCT s), ARRAY_AGG(DISTINCT b), ARRAY_AGG(DISTINCT b IGNORE NULLS) FROM events GROUP BY k`).toArray();
      assert.deepEqual(rowTexts(rows), ['a|[x, y, z]|[true, false]|[true, false]', 'b|[NULL, w]|[NULL, false]|[false]']);
    });

    it('FILTER that keeps no row, and IGNORE NULLS over only NULLs: NULL, not an empty array', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT k, ARRAY_AGG(v) FILTER (WHERE v > 100), ARRAY_AGG(d IGNORE NULLS) FILTER (WHERE k = 'b' AND d IS NULL)
        FROM events GROUP BY k`).toArray();
      assert.deepEqual(rowTexts(rows), ['a|null|null', 'b|null|null']);
    });

    it('over an updating input: a retraction takes the earliest equal element away; an unchanged array emits nothing', async () => {
      const engine = engineWithEvents(backend);
      const changes: string[] = [];
      // The inner GROUP BY emits +I a|1, -U/+U a|2, +I b|1, -U/+U a|3, -U/+U a|4, -U/+U b|2.
      for await (const change of engine.query(`SELECT c, ARRAY_AGG(k) AS ks FROM (SELECT k, COUNT(*) AS c FROM events GROUP BY k) GROUP BY c`)) {
        changes.push(`${change.op} ${text(change.row['c'])}|${text(change.row['ks'])}`);
      }
      assert.deepEqual(changes.slice(-2), ['-D 1|[b]', '+I 2|[b]']);
      assert.deepEqual(rowTexts(await engineWithEvents(backend).query(
        'SELECT c, ARRAY_AGG(k) FROM (SELECT k, COUNT(*) AS c FROM events GROUP BY k) GROUP BY c').toArray()), ['2|[b]', '4|[a]']);
      // b's second row is a NULL that IGNORE NULLS leaves out: its array is unchanged, so no -U/+U (as in Flink).
      const bChanges: string[] = [];
      for await (const change of engineWithEvents(backend).query('SELECT k, ARRAY_AGG(v) IGNORE NULLS AS vs FROM events GROUP BY k')) {
        if (change.row['k'] === 'b') bChanges.push(`${change.op} ${text(change.row['vs'])}`);
      }
      assert.deepEqual(bChanges, ['+I [3]']);
    });

    it('window TVFs: TUMBLE, HOP (not sliced: arrival order in each window) and merging SESSION windows', async () => {
      const engine = engineWithEvents(backend);
      const tumble = await engine.query(`
        SELECT window_start, ARRAY_AGG(s), ARRAY_AGG(DISTINCT k) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTES))
        GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(tumble), ['2020-04-15 08:00:00.000|[x, y, NULL, x]|[a, b]', '2020-04-15 08:10:00.000|[z, w]|[a, b]']);
      const hop = await engineWithEvents(backend).query(`
        SELECT window_start, ARRAY_AGG(v) FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
        GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(hop), [
        '2020-04-15 07:55:00.000|[1, 2, 3, 3]', '2020-04-15 08:00:00.000|[1, 2, 3, 3]',
        '2020-04-15 08:05:00.000|[4, NULL]', '2020-04-15 08:10:00.000|[4, NULL]',
      ]);
      const session = await engineWithEvents(backend).query(`
        SELECT window_start, ARRAY_AGG(s) FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
        GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(session), ['2020-04-15 08:01:00.000|[x, y, NULL, x]', '2020-04-15 08:11:00.000|[z, w]']);
    });
  });
}

describe('ARRAY_AGG: types and errors', () => {
  it('the result is ARRAY of the argument type', () => {
    const plan = engineWithEvents('memory').explain('SELECT ARRAY_AGG(v) AS a, ARRAY_AGG(DISTINCT d) AS b, ARRAY_AGG(ts) AS c FROM events');
    assert.match(plan, /a ARRAY<INT>, b ARRAY<DECIMAL\(10, 2\)>, c ARRAY<TIMESTAMP\(3\)>/);
  });

  it('refuses ORDER BY inside the call (not supported yet), a second argument, and IGNORE NULLS on other aggregates', async () => {
    assert.match(await failure('SELECT ARRAY_AGG(v ORDER BY v) FROM events'), /ORDER BY in the arguments of ARRAY_AGG\(…\) is not supported yet/);
    assert.match(await failure('SELECT ARRAY_AGG(v, s) FROM events'), /Expected ARRAY_AGG\(\[ALL \| DISTINCT\] value \[RESPECT NULLS \| IGNORE NULLS\]\)/);
    assert.match(await failure('SELECT COUNT(v IGNORE NULLS) FROM events'), /Unexpected 'IGNORE NULLS' in COUNT\(…\): only ARRAY_AGG takes it/);
    assert.match(await failure('SELECT ARRAY_AGG(v RESPECT NULLS) IGNORE NULLS FROM events'), /already has RESPECT NULLS/);
    assert.match(await failure('SELECT ARRAY_AGG(*) FROM events'), /ARRAY_AGG\(\*\) is not allowed/);
    assert.match(await failure('SELECT ARRAY_AGG(NULL) FROM events'), /Illegal use of NULL/);
  });
});
