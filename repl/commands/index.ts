/** Every shell meta command, and the lookup of a typed line. */
import { listTablesCommand, modeCommand, quitCommand, timingCommand } from './basic.js';
import type { ReplCommand } from './command.js';
import { helpCommand } from './help.js';
import { includeCommand } from './include.js';

export const COMMANDS: readonly ReplCommand[] = [
  helpCommand(() => COMMANDS),
  quitCommand,
  listTablesCommand,
  modeCommand,
  timingCommand,
  includeCommand,
];

export interface CommandCall {
  readonly command: ReplCommand;
  readonly argument: string;
}

/**
 * The command a line invokes: a backslash command with its argument (`\mode table`), or a bare word command
 * (`quit;`, ` HELP `); null for anything else (SQL).
 */
export function findCommand(line: string, commands: readonly ReplCommand[] = COMMANDS): CommandCall | null {
  const text = line.trim().replace(/;\s*$/, '').trim();
  if (text === '') return null;
  const [first = '', ...rest] = text.split(/\s+/);
  const name = first.toLowerCase();
  const argument = text.slice(first.length).trim();
  const command = commands.find((candidate) => candidate.names.includes(name));
  if (!command) return null;
  // Bare words (help, quit) only count alone on the line: `exit` could start nothing else, but be strict.
  if (!name.startsWith('\\') && rest.length > 0) return null;
  return { command, argument };
}

/** The names Tab completes after a backslash. */
export function commandNames(commands: readonly ReplCommand[] = COMMANDS): string[] {
  return commands.flatMap((command) => command.names.filter((name) => name.startsWith('\\')));
}
