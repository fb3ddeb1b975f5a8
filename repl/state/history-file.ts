/**
 * The history file (`~/.sluice_history`, or `$SLUICE_HISTORY`): one entry per line, with `\` and line breaks
 * escaped so multi-line statements stay one entry. Bounded: rewritten with the newest entries when it grows past
 * the limit. A history that cannot be read or written is not worth stopping the shell for: errors are ignored.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MAX_HISTORY_ENTRIES } from './history.js';

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SLUICE_HISTORY;
  return override !== undefined && override !== '' ? override : join(homedir(), '.sluice_history');
}

export class HistoryFile {
  private linesInFile = 0;
  private entries: string[] = [];

  constructor(
    readonly path: string,
    private readonly limit: number = MAX_HISTORY_ENTRIES,
  ) {}

  load(): string[] {
    try {
      const lines = readFileSync(this.path, 'utf8').split('\n').filter((line) => line !== '');
      this.linesInFile = lines.length;
      this.entries = lines.map(decode).slice(-this.limit);
      if (lines.length > this.limit) this.rewrite();
    } catch {
      this.entries = [];
    }
    return [...this.entries];
  }

  append(entry: string): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries = this.entries.slice(-this.limit);
    try {
      if (this.linesInFile + 1 > this.limit * 1.25) this.rewrite();
      else {
        appendFileSync(this.path, encode(entry) + '\n', { mode: 0o600 });
        this.linesInFile += 1;
      }
    } catch {
      // e.g. a read-only home directory: the history still works for this session.
    }
  }

  private rewrite(): void {
    writeFileSync(this.path, this.entries.map((entry) => encode(entry) + '\n').join(''), { mode: 0o600 });
    this.linesInFile = this.entries.length;
  }
}

export function encode(entry: string): string {
  return entry.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n');
}

export function decode(line: string): string {
  return line.replace(/\\(\\|n)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
}
