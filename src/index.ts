/**
 * Sluice's embedded API.
 *
 * ```ts
 * import { Engine } from 'sluice';
 * const engine = new Engine();
 * await engine.execute(`CREATE TABLE bids (...) WITH ('connector' = 'filesystem', ...)`);
 * const rows = await engine.query('SELECT ...').toArray();
 * ```
 */
export { Engine } from './session/engine.js';
export type {
  Change,
  ColumnInfo,
  EngineOptions,
  InProcessColumn,
  InProcessTable,
  JobHandle,
  JobSummary,
  QueryResult,
  ResultValue,
  Row,
  RowKindName,
  StatementResult,
  TableCounters,
} from './session/api-types.js';
export {
  ConnectorError,
  ExecutionError,
  InternalError,
  NotImplementedError,
  PlanError,
  SluiceError,
  SqlSyntaxError,
  isSluiceError,
} from './common/errors.js';
export type { ErrorKind, SourcePosition } from './common/errors.js';
