/** REPL meta commands (not SQL): data objects, one per file, listed in index.ts. */

export type CommandOutcome =
  | { readonly kind: 'print'; readonly lines: readonly string[] }
  | { readonly kind: 'exit' };

export interface ReplCommand {
  /** Lower-case names that invoke it, typed alone on a line, with or without a trailing `;`. */
  readonly names: readonly string[];
  readonly description: string;
  run(): CommandOutcome;
}
