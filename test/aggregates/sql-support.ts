/** A small event table for the aggregate SQL tests, run on either state backend. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type Change, type Row } from '../../src/index.js';

export type Backend = 'memory' | 'sqlite';
export const BACKENDS: readonly Backend[] = ['memory', 'sqlite'];

export const EVENT_COLUMNS = [
  { name: 'ts', type: 'TIMESTAMP(3)' },
  { name: 'k', type: 'STRING' },
  { name: 'v', type: 'INT' },
  { name: 'd', type: 'DECIMAL(10, 2)' },
  { name: 's', type: 'STRING' },
  { name: 'b', type: 'BOOLEAN' },
];

const at = (minute: string, k: string, v: number | null, d: string | null, s: string | null, b: boolean | null) =>
  ({ ts: `2020-04-15 08:${minute}:00`, k, v, d, s, b });

/** Two 10-minute windows; key b has NULLs. */
export const EVENTS = [
  at('01', 'a', 1, '1.00', 'x', true),
  at('02', 'a', 2, '2.00', 'y', false),
  at('03', 'b', 3, '3.00', null, null),
  at('04', 'a', 3, '3.00', 'x', true),
  at('11', 'a', 4, '4.00', 'z', true),
  at('12', 'b', null, null, 'w', false),
];

export function engineWithEvents(backend: Backend, rows: readonly object[] = EVENTS): Engine {
  const config: Record<string, string> = { 'state.backend': backend, 'sluice.batch-size': '2' };
  const engine = new Engine({ printLine: () => {}, config, baseDirectory: mkdtempSync(join(tmpdir(), 'sluice-aggregates-')) });
  engine.registerTable('events', { columns: EVENT_COLUMNS, rows: rows.map((r) => ({ ...r })), watermark: { column: 'ts', expression: 'ts' } });
  return engine;
}

/** A result value as text: Maps as Flink prints them ({a=2, b=1}), NULL as 'null'. */
function text(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${text(k)}=${text(v)}`).join(', ')}}`;
  return String(value);
}

/** Rows as `a|b|c` strings, sorted. */
export function rowTexts(rows: readonly Row[]): string[] {
  return rows.map((row) => Object.values(row).map(text).join('|')).sort();
}

/** Changes as `+I a|b` strings, in order. */
export async function changeTexts(engine: Engine, sql: string): Promise<string[]> {
  const changes: Change[] = [];
  for await (const change of engine.query(sql)) changes.push(change);
  return changes.map((c) => `${c.op} ${Object.values(c.row).map(text).join('|')}`);
}
