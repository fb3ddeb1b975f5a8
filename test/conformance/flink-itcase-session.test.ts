/**
 * Conformance with Flink's WindowAggregateITCase SESSION cases (testEventTimeSessionWindow, its variant with a
 * filter between the TVF and the aggregate, and testDistinctAggWithMergeOnEventTimeSessionWindow): data and
 * expected rows are read from ../shared/reference/flink-itcase/ at test time.
 *
 * Adaptations, as in flink-itcase-windows.test.ts: `float` is declared DOUBLE, `rowtime` is computed with
 * CAST(ts AS TIMESTAMP(3)), and the test UDAF concat_distinct_agg is left out (its column dropped from the
 * expectations). MyTable's BIGINT millisecond column is given directly as the TIMESTAMP(3) rowtime.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine, type QueryResult } from '../../src/index.js';

const REFERENCE = resolve(import.meta.dirname, '../../../shared/reference/flink-itcase');
const available = existsSync(REFERENCE);
if (!available && process.env['SLUICE_REQUIRE_REFERENCE'] === '1') throw new Error(`Reference material missing at ${REFERENCE}`);
if (!available) console.warn(`!! Flink itcase reference not found at ${REFERENCE}: session conformance tests SKIPPED`);

/** T1's rows from _T1_DATA.md, as JSON objects with the table's column names. */
function t1Rows(): Record<string, string | null>[] {
  const names = ['ts', 'int', 'double', 'float', 'bigdec', 'string', 'name'];
  const text = readFileSync(join(REFERENCE, '_T1_DATA.md'), 'utf8');
  return text.split('\n').filter((line) => /^\| \d+ \|/.test(line)).map((line) => {
    const cells = line.split('|').slice(2, 9).map((cell) => cell.trim());
    return Object.fromEntries(names.map((name, i) => [name, cells[i] === 'null' ? null : cells[i]!]));
  });
}

/** The unlabelled code block under the heading `## <section>`: expected CSV lines, first `columns` columns, sorted. */
function expectedLines(section: string, columns: number): string[] {
  const text = readFileSync(join(REFERENCE, 'window-aggregate.md'), 'utf8');
  const start = text.indexOf(`## ${section}`);
  assert.ok(start >= 0, `section ${section} not found`);
  const fences = /```(\w*)\n([\s\S]*?)```/g;
  fences.lastIndex = start;
  for (let match = fences.exec(text); match; match = fences.exec(text)) {
    if (match[1] === '') return match[2]!.trim().split('\n').map((line) => line.split(',').slice(0, columns).join(',')).sort();
  }
  assert.fail(`no expected rows under ${section}`);
}

async function engineWithT1(): Promise<Engine> {
  const file = join(mkdtempSync(join(tmpdir(), 'sluice-itcase-session-')), 't1.json');
  writeFileSync(file, t1Rows().map((row) => JSON.stringify(row)).join('\n') + '\n');
  const engine = new Engine({ config: { 'sluice.batch-size': '3' } });
  await engine.execute(`CREATE TABLE T1 (
      \`ts\` STRING, \`int\` INT, \`double\` DOUBLE, \`float\` DOUBLE, \`bigdec\` DECIMAL(10, 2), \`string\` STRING, \`name\` STRING,
      \`rowtime\` AS CAST(\`ts\` AS TIMESTAMP(3)),
      WATERMARK FOR \`rowtime\` AS \`rowtime\` - INTERVAL '1' SECOND
    ) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json')`);
  return engine;
}

/** Result rows printed as Flink's tests print them: java.time timestamps, Java doubles. */
async function flinkLines(result: QueryResult): Promise<string[]> {
  const types = result.columns.map((c) => c.type);
  const rows = await result.toArray();
  return rows.map((row) => Object.values(row).map((value, i) => {
    if (value === null) return 'null';
    if (types[i]!.startsWith('TIMESTAMP')) return javaTimestamp(String(value));
    if (types[i] === 'DOUBLE') return Number.isInteger(value) ? `${value}.0` : String(value);
    return String(value);
  }).join(',')).sort();
}

function javaTimestamp(text: string): string {
  const [date, time] = text.split(' ');
  const [hms, millis] = time!.split('.');
  const clock = hms!.endsWith(':00') && (millis === undefined || millis === '000') ? hms!.slice(0, 5) : hms!;
  return `${date}T${clock}${millis && millis !== '000' ? `.${millis}` : ''}`;
}

const AGGS = 'COUNT(*), SUM(`bigdec`), MAX(`double`), MIN(`float`), COUNT(DISTINCT `string`)';
const SESSION_T1 = "TABLE(SESSION(TABLE T1 PARTITION BY `name`, DESCRIPTOR(rowtime), INTERVAL '5' SECOND))";

async function lateRecords(result: QueryResult, table: string): Promise<number | undefined> {
  return (await result.done()).tables.find((t) => t.table === table)?.lateRecords;
}

test('testEventTimeSessionWindow (the "late" row 8 joins a\'s open session)', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT \`name\`, window_start, window_end, ${AGGS} FROM ${SESSION_T1} GROUP BY \`name\`, window_start, window_end`);
  assert.equal(result.updating, false);
  assert.deepEqual(await flinkLines(result), expectedLines('testEventTimeSessionWindow', 8));
  assert.equal(await lateRecords(result, 'T1'), 0);
});

test('testEventTimeSessionWindowWithTVFNotPullUpIntoWindowAgg (a filter on window_start between TVF and aggregate)', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT \`name\`, window_start, window_end, ${AGGS} FROM ${SESSION_T1}
    WHERE window_start > TIMESTAMP '2000-01-01 10:10:00.000' GROUP BY \`name\`, window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expectedLines('testEventTimeSessionWindow', 8));
});

test('testDistinctAggWithMergeOnEventTimeSessionWindow (a late row bridges two sessions)', { skip: !available }, async () => {
  const section = readFileSync(join(REFERENCE, 'window-aggregate.md'), 'utf8').split('## testDistinctAggWithMergeOnEventTimeSessionWindow')[1]!;
  const input = /Input \(a BIGINT ms, b INT, c STRING\), in source order:\n(.*)\n/.exec(section);
  assert.ok(input, 'input rows not found');
  const rows = [...input[1]!.matchAll(/\((\d+),(\d+),"?([^")]*)"?\)/g)].map((m) => ({ rowtime: Number(m[1]), b: Number(m[2]), c: m[3]! }));
  assert.equal(rows.length, 7);
  const engine = new Engine({ config: { 'sluice.batch-size': '2' } });
  engine.registerTable('MyTable', {
    columns: [{ name: 'rowtime', type: 'TIMESTAMP(3)' }, { name: 'b', type: 'INT' }, { name: 'c', type: 'STRING' }],
    rows,
    watermark: { column: 'rowtime', expression: "rowtime - INTERVAL '0.01' SECOND" },
  });
  const result = engine.query(`SELECT c, COUNT(DISTINCT b), window_end
    FROM TABLE(SESSION(TABLE MyTable PARTITION BY c, DESCRIPTOR(rowtime), INTERVAL '0.005' SECOND))
    GROUP BY c, window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expectedLines('testDistinctAggWithMergeOnEventTimeSessionWindow', 3));
  assert.equal(await lateRecords(result, 'MyTable'), 0);
});
