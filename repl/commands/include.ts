/** `\i file.sql` (and `SOURCE 'file.sql'`): runs the statements of a file, in order. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitStatements } from '../../src/index.js';
import type { CommandOutcome, ReplCommand } from './command.js';

export function readScript(file: string, baseDirectory: string = process.cwd()): CommandOutcome {
  const path = file.replace(/^'(.*)'$/, '$1');
  if (path === '') return { kind: 'print', tone: 'error', lines: ['Error: \\i needs a file name, e.g. \\i job.sql'] };
  let text: string;
  try {
    text = readFileSync(resolve(baseDirectory, path), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return { kind: 'print', tone: 'error', lines: [`Error: cannot read '${path}' (${reason})`] };
  }
  const { complete, rest } = splitStatements(text);
  const statements = [...complete, rest].map((statement) => statement.trim()).filter((statement) => statement !== '' && !isOnlyComments(statement));
  return { kind: 'run', statements };
}

function isOnlyComments(text: string): boolean {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}

export const includeCommand: ReplCommand = {
  names: ['\\i', '\\include'],
  usage: 'FILE',
  description: "run the statements of a .sql file (also: SOURCE 'file.sql';)",
  run: (argument) => readScript(argument),
};
