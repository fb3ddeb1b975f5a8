/**
 * A conformance case is a folder `test/conformance/<case>/` holding `case.sql` (one INSERT into a `print` sink,
 * relative `'path'` options resolved against the folder), its input files, `expected/` from the Flink oracle and an
 * optional `NOTES.md`. A line `todo: <reason>` in NOTES.md marks a known Sluice diff: the test is reported as todo.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { hasExpected } from './expected-result.js';

export const CORPUS_ROOT = resolve(import.meta.dirname, '../conformance');
export const CASE_SQL = 'case.sql';

export interface ConformanceCase {
  readonly name: string;
  readonly dir: string;
  readonly sql: string;
  /** Set when NOTES.md declares a known diff (`todo: …`). */
  readonly todo: string | undefined;
}

export function readCase(dir: string): ConformanceCase {
  const absolute = resolve(dir);
  const notesPath = join(absolute, 'NOTES.md');
  const notes = existsSync(notesPath) ? readFileSync(notesPath, 'utf8') : '';
  const todo = /^todo:\s*(.+)$/im.exec(notes)?.[1]?.trim();
  return {
    name: absolute.split('/').pop() ?? absolute,
    dir: absolute,
    sql: readFileSync(join(absolute, CASE_SQL), 'utf8'),
    todo,
  };
}

/** Every case folder under `root` with a `case.sql`; with `withExpected`, only those that have `expected/`. */
export function listCases(root: string = CORPUS_ROOT, withExpected = true): ConformanceCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && existsSync(join(root, name, CASE_SQL)))
    .filter((name) => !withExpected || hasExpected(join(root, name)))
    .sort()
    .map((name) => readCase(join(root, name)));
}

const PATH_OPTION = /('path'\s*=\s*')([^']*)(')/gi;

/** The script with every relative `'path'` option made absolute against `baseDir` (Flink's working dir differs). */
export function withAbsolutePaths(sql: string, baseDir: string): string {
  return sql.replace(PATH_OPTION, (_match, before: string, path: string, after: string) =>
    `${before}${isAbsolute(path) ? path : join(baseDir, path)}${after}`);
}
