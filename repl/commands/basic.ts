/** The small commands: quit, \dt, \timing, \mode. */
import { RESULT_MODES, type ResultMode } from '../live/live-query.js';
import type { ReplCommand } from './command.js';

export const quitCommand: ReplCommand = {
  names: ['quit', 'exit', '\\q'],
  description: 'leave the shell (Ctrl-D does the same)',
  run: () => ({ kind: 'exit' }),
};

export const listTablesCommand: ReplCommand = {
  names: ['\\dt'],
  description: 'list the tables (SHOW TABLES)',
  run: () => ({ kind: 'run', statements: ['SHOW TABLES'] }),
};

export const timingCommand: ReplCommand = {
  names: ['\\timing'],
  usage: '[on|off]',
  description: 'show how long each statement took',
  run: (argument) => {
    const value = argument.toLowerCase();
    if (value === '') return { kind: 'timing', on: null };
    if (value === 'on' || value === 'off') return { kind: 'timing', on: value === 'on' };
    return { kind: 'print', tone: 'error', lines: [`Error: \\timing takes on or off, not '${argument}'`] };
  },
};

export const modeCommand: ReplCommand = {
  names: ['\\mode'],
  usage: 'table|changelog|tableau',
  description: 'how query results show (no argument: the current mode)',
  run: (argument) => {
    const mode = argument.toLowerCase();
    if (mode === '') return { kind: 'print', lines: [] };
    if (isResultMode(mode)) return { kind: 'set-mode', mode };
    return { kind: 'print', tone: 'error', lines: [`Error: unknown result mode '${argument}' (table, changelog or tableau)`] };
  },
};

export function isResultMode(text: string): text is ResultMode {
  return (RESULT_MODES as readonly string[]).includes(text);
}
