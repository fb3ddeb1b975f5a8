import type { ReplCommand } from './command.js';

/** The help text lists the commands it is given (index.ts passes all of them, itself included). */
export function helpCommand(commands: () => readonly ReplCommand[]): ReplCommand {
  return {
    names: ['help', '\\h', '?'],
    description: 'show this help',
    run: () => ({
      kind: 'print',
      lines: [
        'Type SQL statements ending with `;` (Enter on an unfinished statement continues it on the next line).',
        'Up/Down: history.  Ctrl-C: cancel the running query, or clear the input.  Ctrl-D: exit.',
        '',
        'Commands:',
        ...commands().map((command) => `  ${command.names.join(', ').padEnd(16)} ${command.description}`),
      ],
    }),
  };
}
