import type { ReplCommand } from './command.js';

export const HELP_KEYS: readonly string[] = [
  'Editing:  Enter runs complete statements (ending in `;`), otherwise continues on the next line.',
  '          Up/Down history, Ctrl-R search history, Tab completes keywords, tables, columns, functions, SET keys.',
  '          Left/Right, Home/End (Ctrl-A/E), Ctrl-U/K/W delete, Ctrl-C clears the input, Ctrl-D exits.',
  'Results:  a query opens a live view: q, Esc or Ctrl-C stops it; Up/Down/PgUp/PgDn/Home/End scroll,',
  '          Left/Right scroll columns, m switches table/changelog, +/- change the refresh interval.',
  "SQL:      SHOW TABLES, DESCRIBE t, EXPLAIN …, INSERT INTO … (a background job), SHOW JOBS, STOP JOB 'name or id' [WITH SAVEPOINT],",
  "          SHOW WATERMARKS, SET 'key' = 'value', SET 'sql-client.execution.result-mode' = 'tableau', SOURCE 'f.sql'.",
];

/** The help text lists the commands it is given (index.ts passes all of them, itself included). */
export function helpCommand(commands: () => readonly ReplCommand[]): ReplCommand {
  return {
    names: ['help', '\\h', '\\?', '?'],
    description: 'show this help',
    run: () => ({
      kind: 'print',
      lines: [
        ...HELP_KEYS,
        '',
        'Commands:',
        ...commands().map((command) => {
          const names = command.names.join(', ') + (command.usage ? ` ${command.usage}` : '');
          return `  ${names.padEnd(30)} ${command.description}`;
        }),
      ],
    }),
  };
}
