/**
 * Conformance with Flink's own WindowAggregateITCase (TUMBLE, HOP and CUMULATE cases): its dataset (one out-of-order row, one late
 * row) and expected outputs are read from ../shared/reference/flink-itcase/ at test time.
 *
 * Adaptations, each harmless for these rows: `float` is declared DOUBLE (FLOAT comes with the type-system issue),
 * `rowtime` is computed with CAST(ts AS TIMESTAMP(3)) instead of TO_TIMESTAMP(ts), and the test UDAF
 * concat_distinct_agg is left out (its column is dropped from the expectations).
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
if (!available) console.warn(`!! Flink itcase reference not found at ${REFERENCE}: conformance tests SKIPPED`);

function loadRows(): Record<string, string | null>[] {
  const text = readFileSync(join(REFERENCE, '_T1_DATA.md'), 'utf8');
  const names = ['ts', 'int', 'double', 'float', 'bigdec', 'string', 'name'];
  return text.split('\n').filter((line) => /^\| \d+ \|/.test(line)).map((line) => {
    const cells = line.split('|').slice(2, 9).map((c) => c.trim());
    return Object.fromEntries(names.map((n, i) => [n, cells[i] === 'null' ? null : cells[i]!]));
  });
}

/** The expected CSV lines under `## <testName>`, keeping the first `columns` columns of each. */
function expected(testName: string, columns: number, blockIndex = 0): string[] {
  const text = readFileSync(join(REFERENCE, 'window-aggregate.md'), 'utf8');
  const start = text.indexOf(`## ${testName}`);
  assert.ok(start >= 0, `section ${testName} not found`);
  const fences = /```(\w*)\n([\s\S]*?)```/g;
  fences.lastIndex = start;
  let block: string | undefined;
  let skip = blockIndex;
  for (let m = fences.exec(text); m && block === undefined; m = fences.exec(text)) if (m[1] === '' && skip-- === 0) block = m[2];
  assert.ok(block !== undefined, `no expected rows under ${testName}`);
  return block.trim().split('\n').map((line) => line.split(',').slice(0, columns).join(',')).sort();
}

async function engineWithT1(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-itcase-'));
  const file = join(dir, 't1.json');
  writeFileSync(file, loadRows().map((r) => JSON.stringify(r)).join('\n') + '\n');
  const engine = new Engine({ config: { 'sluice.batch-size': '3' } });
  await engine.execute(`CREATE TABLE T1 (
      \`ts\` STRING, \`int\` INT, \`double\` DOUBLE, \`float\` DOUBLE, \`bigdec\` DECIMAL(10, 2), \`string\` STRING, \`name\` STRING,
      \`rowtime\` AS CAST(\`ts\` AS TIMESTAMP(3)),
      WATERMARK FOR \`rowtime\` AS \`rowtime\` - INTERVAL '1' SECOND
    ) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json')`);
  return engine;
}

/** Formats result rows the way Flink's tests print them (java.time and Java number text). */
async function flinkLines(result: QueryResult): Promise<string[]> {
  const types = result.columns.map((c) => c.type);
  const rows = await result.toArray();
  return rows.map((row) => Object.values(row).map((v, i) => {
    if (v === null) return 'null';
    if (types[i]!.startsWith('TIMESTAMP')) return javaTimestamp(String(v));
    if (types[i] === 'DOUBLE') return Number.isInteger(v) ? `${v}.0` : String(v);
    return String(v);
  }).join(',')).sort();
}

function javaTimestamp(text: string): string {
  const [date, time] = text.split(' ');
  let [hms, millis] = time!.split('.');
  if (hms!.endsWith(':00') && (millis === undefined || millis === '000')) hms = hms!.slice(0, 5);
  return `${date}T${hms}${millis && millis !== '000' ? `.${millis}` : ''}`;
}

const AGGS = 'COUNT(*), SUM(`bigdec`), MAX(`double`), MIN(`float`), COUNT(DISTINCT `string`)';
const tumble = (size: string, offset?: string) =>
  `TABLE(TUMBLE(TABLE T1, DESCRIPTOR(rowtime), ${size}${offset ? `, ${offset}` : ''}))`;

test('testEventTimeTumbleWindow (late row dropped from [0, 5))', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT \`name\`, window_start, window_end, ${AGGS} FROM ${tumble("INTERVAL '5' SECOND")} GROUP BY \`name\`, window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expected('testEventTimeTumbleWindow:', 8));
  assert.equal((await result.done()).tables.find((t) => t.table === 'T1')?.lateRecords, 1);
});

test('testEventTimeTumbleWindowWithOffset', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT \`name\`, window_start, window_end, ${AGGS} FROM ${tumble("INTERVAL '1' DAY", "INTERVAL '8' HOUR")} GROUP BY \`name\`, window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expected('testEventTimeTumbleWindowWithOffset:', 8));
});

test('testEventTimeTumbleWindowWithNegativeOffset', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT \`name\`, window_start, window_end, ${AGGS} FROM ${tumble("INTERVAL '1' DAY", "INTERVAL '-8' HOUR")} GROUP BY \`name\`, window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expected('testEventTimeTumbleWindowWithNegativeOffset:', 8));
});

test('testCascadeEventTimeTumbleWindowWithOffset', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT cnt, window_start, window_end, COUNT(*) FROM (
      SELECT \`name\`, window_start, window_end, COUNT(DISTINCT \`string\`) AS cnt
      FROM ${tumble("INTERVAL '1' DAY", "INTERVAL '8' HOUR")}
      GROUP BY \`name\`, window_start, window_end
    ) GROUP BY cnt, window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expected('testCascadeEventTimeTumbleWindowWithOffset', 4));
});

test('testTumbleWindowOutputWindowTime', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT \`name\`, window_start, window_end, window_time, COUNT(*) FROM ${tumble("INTERVAL '5' SECOND")}
    GROUP BY \`name\`, window_start, window_end, window_time`);
  assert.deepEqual(await flinkLines(result), expected('testTumbleWindowOutputWindowTime', 5));
});

test('testTumbleWindowGroupOnWindowOnly', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT window_start, window_end, ${AGGS} FROM ${tumble("INTERVAL '5' SECOND")} GROUP BY window_start, window_end`);
  assert.deepEqual(await flinkLines(result), expected('testTumbleWindowGroupOnWindowOnly', 7));
});

test('testFieldNameConflict (MIN/MAX over the rowtime column)', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(`SELECT window_time, MIN(rowtime) AS start_time, MAX(rowtime) AS end_time FROM ${tumble("INTERVAL '5' SECOND")}
    GROUP BY window_start, window_end, window_time`);
  assert.deepEqual(await flinkLines(result), expected('testFieldNameConflict', 3));
});

// HOP and CUMULATE over the same data: the late row 8 is dropped from the windows that fired ([−5, 5), [0, 5))
// and counted in the ones still open ([0, 10), [0, 15)).
const hop = (args: string) => `TABLE(HOP(TABLE T1, DESCRIPTOR(rowtime), ${args}))`;
const cumulate = (args: string) => `TABLE(CUMULATE(TABLE T1, DESCRIPTOR(rowtime), ${args}))`;
const ALIGNED_CASES: [string, string][] = [
  ['testEventTimeHopWindow:', hop("INTERVAL '5' SECOND, INTERVAL '10' SECOND")],
  ['testEventTimeHopWindowWithOffset:', hop("INTERVAL '12' HOUR, INTERVAL '1' DAY, INTERVAL '8' HOUR")],
  ['testEventTimeHopWindowWithNegativeOffset:', hop("INTERVAL '12' HOUR, INTERVAL '1' DAY, INTERVAL '-8' HOUR")],
  ['testEventTimeCumulateWindow:', cumulate("INTERVAL '5' SECOND, INTERVAL '15' SECOND")],
  ['testEventTimeCumulateWindowWithOffset:', cumulate("INTERVAL '12' HOUR, INTERVAL '1' DAY, INTERVAL '8' HOUR")],
  ['testEventTimeCumulateWindowWithNegativeOffset:', cumulate("INTERVAL '12' HOUR, INTERVAL '1' DAY, INTERVAL '-8' HOUR")],
];

for (const [name, from] of ALIGNED_CASES) {
  test(name.replace(/:$/, ''), { skip: !available }, async () => {
    const engine = await engineWithT1();
    const result = engine.query(`SELECT \`name\`, window_start, window_end, ${AGGS} FROM ${from} GROUP BY \`name\`, window_start, window_end`);
    assert.deepEqual(await flinkLines(result), expected(name, 8));
  });
}

// GROUPING SETS / CUBE / ROLLUP over each aligned window: the section has one block per window kind, in this order.
const GROUPING_WINDOWS = [tumble("INTERVAL '5' SECOND"), hop("INTERVAL '5' SECOND, INTERVAL '10' SECOND"), cumulate("INTERVAL '5' SECOND, INTERVAL '15' SECOND")];
for (const [index, from] of GROUPING_WINDOWS.entries()) {
  for (const grouping of ['GROUPING SETS((`name`), ())', 'CUBE(`name`)', 'ROLLUP(`name`)']) {
    test(`grouping sets: ${grouping} over ${['TUMBLE', 'HOP', 'CUMULATE'][index]}`, { skip: !available }, async () => {
      const engine = await engineWithT1();
      const result = engine.query(`SELECT GROUPING_ID(\`name\`), \`name\`, window_start, window_end, ${AGGS} FROM ${from}
        GROUP BY ${grouping}, window_start, window_end`);
      assert.deepEqual(await flinkLines(result), expected('GROUPING SETS / CUBE / ROLLUP', 9, index));
    });
  }
}
