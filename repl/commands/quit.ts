import type { ReplCommand } from './command.js';

export const quitCommand: ReplCommand = {
  names: ['quit', 'exit', '\\q'],
  description: 'leave the shell (Ctrl-D does the same)',
  run: () => ({ kind: 'exit' }),
};
