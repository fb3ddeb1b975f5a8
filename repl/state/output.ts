/** Finished output of the REPL, printed once above the live area. */

export type OutputTone = 'echo' | 'data' | 'info' | 'warn' | 'error';

export interface OutputItem {
  readonly id: number;
  readonly tone: OutputTone;
  readonly lines: readonly string[];
}

/** Splits summary/message lines by their `[WARN]` prefix so warnings can be coloured. */
export function toneOf(line: string): OutputTone {
  if (line.startsWith('[WARN]')) return 'warn';
  if (line.startsWith('Error:')) return 'error';
  return 'info';
}
