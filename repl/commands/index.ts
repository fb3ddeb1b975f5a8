/** Every REPL meta command, and the lookup of a typed line. */
import type { ReplCommand } from './command.js';
import { helpCommand } from './help.js';
import { quitCommand } from './quit.js';

export const COMMANDS: readonly ReplCommand[] = [helpCommand(() => COMMANDS), quitCommand];

/** The command a line invokes, e.g. `quit;` or ` HELP `; null for anything else (SQL). */
export function findCommand(line: string, commands: readonly ReplCommand[] = COMMANDS): ReplCommand | null {
  const name = line.trim().replace(/;$/, '').trim().toLowerCase();
  if (name === '') return null;
  return commands.find((command) => command.names.includes(name)) ?? null;
}
