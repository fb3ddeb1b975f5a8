/** Shell meta commands (not SQL): data objects, listed in index.ts. Each returns what the shell should do. */
import type { ResultMode } from '../live/live-query.js';

export type CommandOutcome =
  | { readonly kind: 'print'; readonly lines: readonly string[]; readonly tone?: 'info' | 'error' }
  | { readonly kind: 'exit' }
  /** Run these SQL statements as if typed (\dt, \i file.sql). */
  | { readonly kind: 'run'; readonly statements: readonly string[] }
  | { readonly kind: 'set-mode'; readonly mode: ResultMode }
  /** \timing: on, off, or flip when null. */
  | { readonly kind: 'timing'; readonly on: boolean | null };

export interface ReplCommand {
  /** Lower-case names that invoke it, typed at the start of a line (`help`, `\h`). */
  readonly names: readonly string[];
  /** Shown in help after the names, e.g. `table|changelog|tableau`. */
  readonly usage?: string;
  readonly description: string;
  /** `argument` is the rest of the line, trimmed, without a trailing `;`. */
  run(argument: string): CommandOutcome;
}
