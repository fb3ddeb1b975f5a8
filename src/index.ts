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
  ScalarFunctionDefinition,
  JobHandle,
  JobSummary,
  OperatorCounters,
  QueryResult,
  CheckpointSummary,
  RestorePreview,
  ResultValue,
  Row,
  RowKindName,
  StatementResult,
  SourceWatermark,
  TableCounters,
  WatermarkReport,
  WindowWatermark,
} from './session/api-types.js';
export type { AggregateFunctionDefinition } from './session/aggregate-function-definition.js';
export type { TableFunctionDefinition, TableFunctionRow } from './session/table-function-types.js';
export type { JobReport } from './session/job-report.js';
export type { JobDetails, VertexDetails } from './session/job-details.js';
export type { JobWithRates } from './server/monitoring-server.js';
export type { VertexRates } from './server/metric-rates.js';
export { splitStatements } from './parser/index.js';
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
