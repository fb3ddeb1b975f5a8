/** Chooses a state backend from the job's settings. */
import { PlanError } from '../../common/errors.js';
import type { StateBackend, StateBackendOptions } from './backend.js';
import { MemoryStateBackend } from './memory.js';
import { SqliteStateBackend } from './sqlite.js';

export type { NamespacedMapState, StateBackend, StateBackendOptions } from './backend.js';
export { MemoryStateBackend } from './memory.js';
export { SqliteStateBackend, STATE_DATABASE_FILE } from './sqlite.js';

/** Creates the backend `options.kind`; the SQLite backend needs `options.directory` (PlanError without it). */
export function createStateBackend(options: StateBackendOptions): StateBackend {
  switch (options.kind) {
    case 'memory':
      return new MemoryStateBackend();
    case 'sqlite':
      if (options.directory === undefined || options.directory === '') {
        throw new PlanError('The SQLite state backend needs a directory for its database file');
      }
      return new SqliteStateBackend(options.directory);
  }
}
