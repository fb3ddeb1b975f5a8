/**
 * The aggregate functions beyond COUNT/SUM/AVG/MIN/MAX through SQL: unbounded GROUP BY, window TVF (TUMBLE and
 * SESSION, whose windows merge) and an updating input (retractions), on both state backends; NULLs; and the errors
 * for misuse (APPROX_COUNT_DISTINCT over an updating input, a non-literal LISTAGG separator, argument counts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSluiceError } from '../../src/index.js';
import { BACKENDS, engineWithEvents, rowTexts } from './sql-support.js';

const TUMBLE = "TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTES))";
const SESSION = "TABLE(SESSION(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTES))";

for (const backend of BACKENDS) {
  describe(`aggregate functions in SQL, ${backend} state`, () => {
    it('GROUP BY: each function per key; NULLs ignored; one row gives 0 / NULL for the population / sample functions', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT k, STDDEV_POP(v), STDDEV_SAMP(v), VAR_POP(d), VAR_SAMP(d), FIRST_VALUE(s), LAST_VALUE(s), LISTAGG(s),
               LISTAGG(s, ';'), COLLECT(s), BOOL_AND(b), BOOL_OR(b), APPROX_COUNT_DISTINCT(s)
        FROM events GROUP BY k`).toArray();
      assert.deepEqual(rowTexts(rows), [
        'a|1|1|1.250000|1.666667|x|z|x,y,x,z|x;y;x;z|{x=2, y=1, z=1}|false|true|3',
        'b|0|null|0.000000|null|w|w|w|w|{w=1}|false|false|1',
      ]);
    });

    it('GROUP BY: result types as Flink derives them', () => {
      const plan = engineWithEvents(backend).explain(`
        SELECT STDDEV_POP(v) AS a, VAR_SAMP(d) AS b, FIRST_VALUE(ts) AS c, LISTAGG(s) AS e, COLLECT(v) AS f,
               BOOL_OR(b) AS g, APPROX_COUNT_DISTINCT(k) AS h FROM events`);
      assert.match(plan, /a INT, b DECIMAL\(38, 6\), c TIMESTAMP\(3\), e STRING, f MAP<INT, INT>, g BOOLEAN, h BIGINT/);
    });

    it('window TVF (TUMBLE): each function per window', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT window_start, VAR_POP(d), FIRST_VALUE(s), LAST_VALUE(s), LISTAGG(s), COLLECT(k), BOOL_OR(b), APPROX_COUNT_DISTINCT(k)
        FROM ${TUMBLE} GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(rows), [
        '2020-04-15 08:00:00.000|0.687500|x|x|x,y,x|{a=3, b=1}|true|2',
        '2020-04-15 08:10:00.000|0.000000|z|w|z,w|{a=1, b=1}|true|2',
      ]);
    });

    it('SESSION windows: merged sessions keep arrival order and merge every accumulator', async () => {
      const rows = await engineWithEvents(backend).query(`
        SELECT window_start, window_end, FIRST_VALUE(s), LAST_VALUE(s), LISTAGG(s), APPROX_COUNT_DISTINCT(k), STDDEV_SAMP(v), BOOL_AND(b)
        FROM ${SESSION} GROUP BY window_start, window_end`).toArray();
      assert.deepEqual(rowTexts(rows), [
        '2020-04-15 08:01:00.000|2020-04-15 08:09:00.000|x|x|x,y,x|2|1|false',
        '2020-04-15 08:11:00.000|2020-04-15 08:17:00.000|z|w|z,w|2|null|false',
      ]);
    });

    it('over an updating input: FIRST_VALUE, LAST_VALUE, LISTAGG, COLLECT, BOOL_AND, VAR_POP retract what -U/-D take away', async () => {
      // The inner GROUP BY emits +I a|1|x, -U/+U a|2|y, +I b|3|null, -U/+U a|3|x, -U/+U a|4|z, -U/+U b|3|w.
      const rows = await engineWithEvents(backend).query(`
        SELECT FIRST_VALUE(k) AS fk, LAST_VALUE(k) AS lk, LISTAGG(last_s) AS ls, COLLECT(top) AS tops,
               BOOL_AND(top > 2) AS all_high, VAR_POP(CAST(top AS DOUBLE)) AS var
        FROM (SELECT k, MAX(v) AS top, LAST_VALUE(s) AS last_s FROM events GROUP BY k)`).toArray();
      assert.deepEqual(rowTexts(rows), ['a|b|z,w|{4=1, 3=1}|true|0.25']);
    });
  });
}

describe('aggregate function errors', () => {
  const refusals: [string, string, RegExp][] = [
    ['not-implemented', 'SELECT APPROX_COUNT_DISTINCT(top) FROM (SELECT k, MAX(v) AS top FROM events GROUP BY k)',
      /APPROX_COUNT_DISTINCT cannot retract rows, so it is not supported over an updating input \(GROUP BY without a window\)/],
    ['plan', 'SELECT LISTAGG(s, k) FROM events', /The separator of LISTAGG must be a string literal/],
    ['plan', "SELECT LISTAGG(s, ',', ';') FROM events", /LISTAGG takes 1 to 2 arguments/],
    ['plan', 'SELECT LISTAGG(v) FROM events', /LISTAGG needs a STRING argument, got INT/],
    ['plan', 'SELECT FIRST_VALUE(*) FROM events', /FIRST_VALUE\(\*\) is not allowed; only COUNT\(\*\)/],
    ['plan', 'SELECT STDDEV_POP(s) FROM events', /STDDEV_POP needs a numeric argument, got STRING/],
    ['plan', 'SELECT BOOL_AND(v) FROM events', /BOOL_AND needs a BOOLEAN argument, got INT/],
    ['plan', 'SELECT k FROM events WHERE VAR_POP(v) > 1', /Aggregate function 'VAR_POP' is not allowed in WHERE/],
  ];
  for (const [kind, sql, message] of refusals) {
    it(`refuses ${sql}`, () => {
      assert.throws(() => engineWithEvents('memory').explain(sql), (e: unknown) => isSluiceError(e) && e.kind === kind && message.test(e.message) && e.position !== undefined);
    });
  }
});
