/**
 * Conformance with Flink's WindowDeduplicateITCase over T1 (one out-of-order row, one late row): the kept rows of
 * each case are read from ../shared/reference/flink-itcase/window-dedup.md at test time, as T1 row numbers with their
 * windows (or, for the case with a calc, as Flink's printed rows). T1 is declared as in flink-itcase-windows.test.ts
 * (`float` as DOUBLE, rowtime computed with CAST).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine, type Row } from '../../src/index.js';

const REFERENCE = resolve(import.meta.dirname, '../../../shared/reference/flink-itcase');
const available = existsSync(REFERENCE);
if (!available && process.env['SLUICE_REQUIRE_REFERENCE'] === '1') throw new Error(`Reference material missing at ${REFERENCE}`);

type T1Row = Record<string, string | null>;

function loadT1(): T1Row[] {
  const names = ['ts', 'int', 'double', 'float', 'bigdec', 'string', 'name'];
  return readFileSync(join(REFERENCE, '_T1_DATA.md'), 'utf8').split('\n').filter((l) => /^\| \d+ \|/.test(l)).map((l) => {
    const cells = l.split('|').slice(2, 9).map((c) => c.trim());
    return Object.fromEntries(names.map((n, i) => [n, cells[i] === 'null' ? null : cells[i]!]));
  });
}

async function engineWithT1(): Promise<Engine> {
  const file = join(mkdtempSync(join(tmpdir(), 'sluice-dedup-')), 't1.json');
  writeFileSync(file, loadT1().map((r) => JSON.stringify(r)).join('\n') + '\n');
  const engine = new Engine({ config: { 'sluice.batch-size': '3' } });
  await engine.execute(`CREATE TABLE T1 (
      \`ts\` STRING, \`int\` INT, \`double\` DOUBLE, \`float\` DOUBLE, \`bigdec\` DECIMAL(10, 2), \`string\` STRING, \`name\` STRING,
      \`rowtime\` AS CAST(\`ts\` AS TIMESTAMP(3)),
      WATERMARK FOR \`rowtime\` AS \`rowtime\` - INTERVAL '1' SECOND
    ) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json')`);
  return engine;
}

/** The section of window-dedup.md that starts with `## <name>`. */
function section(name: string): string[] {
  const text = readFileSync(join(REFERENCE, 'window-dedup.md'), 'utf8');
  const start = text.indexOf(`## ${name}`);
  assert.ok(start >= 0, `section ${name}`);
  const end = text.indexOf('\n## ', start + 3);
  return text.slice(start, end < 0 ? undefined : end).split('\n');
}

/** `#row [mm:ss, mm:ss)` lines of a section: the kept T1 rows (1-based) with their windows. */
function keptRows(name: string): string[] {
  const t1 = loadT1();
  const kept: string[] = [];
  for (const line of section(name)) {
    const match = /^- #(\d+)\b.*\[(\d\d:\d\d), (\d\d:\d\d)\)/.exec(line);
    if (match) kept.push(describe(t1[Number(match[1]) - 1]!, match[2]!, match[3]!));
  }
  assert.ok(kept.length > 0, `kept rows of ${name}`);
  return kept.sort();
}

/** The CUMULATE table: one row per window, one column per name, cells `#row` (or empty). */
function keptRowsByWindow(name: string): string[] {
  const t1 = loadT1();
  const kept: string[] = [];
  for (const line of section(name).filter((l) => l.startsWith('| ['))) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [from, to] = /\[(\d\d:\d\d), (\d\d:\d\d)\)/.exec(cells[0]!)!.slice(1);
    for (const cell of cells.slice(1)) {
      const row = /#(\d+)/.exec(cell)?.[1];
      if (row) kept.push(describe(t1[Number(row) - 1]!, from!, to!));
    }
  }
  assert.ok(kept.length > 0, `kept rows of ${name}`);
  return kept.sort();
}

const describe = (row: T1Row, from: string, to: string): string => `${row['ts']},${row['int']},${row['string']},${row['name']},[${from}, ${to})`;

function actual(rows: readonly Row[]): string[] {
  const minuteSecond = (v: unknown) => String(v).slice(14, 19);
  return rows.map((r) => `${r['ts']},${r['int']},${r['string']},${r['name']},[${minuteSecond(r['window_start'])}, ${minuteSecond(r['window_end'])})`).sort();
}

const dedupSql = (window: string, order: 'ASC' | 'DESC', select = '`ts`, `int`, `string`, `name`, window_start, window_end') => `SELECT ${select} FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, \`name\` ORDER BY rowtime ${order}) AS rownum
    FROM TABLE(${window}(TABLE T1, DESCRIPTOR(rowtime), ${window === 'TUMBLE' ? "INTERVAL '5' SECOND" : "INTERVAL '5' SECOND, INTERVAL '15' SECOND"}))
  ) WHERE rownum <= 1`;

test('testTumbleWindowKeepLastRow (the late row 8 is not a candidate)', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const result = engine.query(dedupSql('TUMBLE', 'DESC'));
  assert.deepEqual(actual(await result.toArray()), keptRows('testTumbleWindowKeepLastRow'));
  assert.equal((await result.done()).tables.find((t) => t.table === 'T1')?.lateRecords, 1);
});

test('testTumbleWindowKeepFirstRow (the out-of-order row 6 is the first of its window)', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const rows = await engine.query(dedupSql('TUMBLE', 'ASC')).toArray();
  assert.deepEqual(actual(rows), keptRows('testTumbleWindowKeepFirstRow'));
});

test('testTumbleWindowKeepLastRowWithCalc', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const rows = await engine.query(dedupSql('TUMBLE', 'DESC', '`int`, `string`, `name`, window_start, window_end, window_time')).toArray();
  const javaTime = (v: unknown) => String(v).replace(' ', 'T').replace(/:00\.000$/, '').replace(/\.000$/, '');
  const printed = rows.map((r) => [r['int'], r['string'], r['name'], javaTime(r['window_start']), javaTime(r['window_end']), javaTime(r['window_time'])].map((v) => (v === null ? 'null' : String(v))).join(','));
  const block = /```\n([\s\S]*?)```/.exec(section('testTumbleWindowKeepLastRowWithCalc').join('\n'))?.[1];
  assert.ok(block, 'expected rows of testTumbleWindowKeepLastRowWithCalc');
  assert.deepEqual(printed.sort(), block.trim().split('\n').sort());
});

test('testCumulateWindowKeepLastRow', { skip: !available }, async () => {
  const engine = await engineWithT1();
  const rows = await engine.query(dedupSql('CUMULATE', 'DESC')).toArray();
  assert.deepEqual(actual(rows), keptRowsByWindow('testCumulateWindowKeepLastRow'));
});
