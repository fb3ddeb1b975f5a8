/** What the session tells the planner about connectors, and the parsed constructs it refuses before planning. */
import { NotImplementedError } from '../common/errors.js';
import { validateConnectorOptions } from '../connectors/index.js';
import { syntaxFeatures } from '../parser/index.js';
import type { Query, Statement } from '../parser/ast.js';
import type { ConnectorCapabilities } from '../planner/index.js';

const UPDATING_SINKS = new Set(['print', 'blackhole', 'sqlite', 'upsert-kafka']);
/** Sinks that take updates only by a primary key. */
const KEYED_UPDATING_SINKS = new Set(['sqlite', 'upsert-kafka']);

export const CAPABILITIES: ConnectorCapabilities = {
  validate: (role, descriptor) => {
    if (descriptor.connector !== 'in-process') validateConnectorOptions(role, descriptor);
  },
  acceptsUpdates: (connector, descriptor) => UPDATING_SINKS.has(connector) && (!KEYED_UPDATING_SINKS.has(connector) || (descriptor?.primaryKey?.length ?? 0) > 0),
  // JSON files and Kafka records decode only what the job reads (the JSON decoders honour `readMask`).
  skipsUnreadFields: (descriptor) => {
    const option = (key: string): string | undefined => descriptor.options[key];
    if (descriptor.connector === 'filesystem') return option('format') === 'json';
    if (descriptor.connector !== 'kafka') return false;
    return (option('format') ?? option('value.format')) === 'json' && [undefined, 'json'].includes(option('key.format'));
  },
};

/** Parsed constructs the planner does not take yet (WITH, UNION, FILTER, …) fail at their position; PLANNED_FEATURES it takes. */
const PLANNED_FEATURES: ReadonlySet<string> = new Set(['grouping-sets', 'with', 'metadata-column', 'aggregate-filter', 'named-window', 'table-like', 'partitioned-by']);

export function rejectLaterSyntax(root: Statement | Query): void {
  // UNION, INTERSECT and EXCEPT are planned, DISTINCT and ALL.
  const feature = syntaxFeatures(root).filter((f) => !PLANNED_FEATURES.has(f.kind) && f.kind !== 'set-operation')[0];
  if (feature) throw new NotImplementedError(`${feature.name} is not supported yet`, { position: feature.position });
}

