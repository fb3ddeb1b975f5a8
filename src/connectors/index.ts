/**
 * Connectors: `filesystem` (json, csv), `datagen`, `print`, `blackhole`, `kafka`, `sqlite` (sink and lookup table) and `in-process` tables. The session
 * validates descriptors at plan time with `validateConnectorOptions` and passes `createConnectorRegistry(…)` to
 * the runtime when it starts a job.
 */
import { ConnectorError, NotImplementedError } from '../common/errors.js';
import { formatType, isNested, sameType } from '../common/types.js';
import type { ConnectorDescriptor, LookupCacheSpec } from '../dataflow/graph.js';
import type { ConnectorRegistry, LookupReader, SinkWriter, SourceReader } from '../runtime/connector.js';
import { CONNECTORS, KNOWN_UNSUPPORTED_CONNECTORS } from './catalog.js';
import type { ConnectorDefinition, ConnectorEnvironment, ConnectorRole } from './definition.js';
import type { InProcessSource } from './in-process/source.js';
import { didYouMean } from './suggest.js';

export type { ConnectorEnvironment, ConnectorRole } from './definition.js';
export { IN_PROCESS_CONNECTOR, type InProcessSource, type InProcessRows } from './in-process/source.js';
export { printedRow, printedValue } from './print/format-row.js';
export { parseDuration } from './options.js';

/** Names of the implemented connectors that may appear in DDL (`in-process` is registered by code only). */
export const SUPPORTED_CONNECTORS: readonly string[] = ['filesystem', 'datagen', 'print', 'blackhole', 'kafka', 'upsert-kafka', 'sqlite'];

function definitionFor(role: ConnectorRole, descriptor: ConnectorDescriptor): ConnectorDefinition {
  const name = descriptor.connector.trim();
  if (name === '') throw new ConnectorError(`Table '${descriptor.table}': option 'connector' is required`, { hint: `supported connectors: ${SUPPORTED_CONNECTORS.join(', ')}` });
  const definition = CONNECTORS.get(name) ?? CONNECTORS.get(name.toLowerCase());
  if (definition === undefined) {
    const lower = name.toLowerCase();
    if (KNOWN_UNSUPPORTED_CONNECTORS.includes(lower)) {
      throw new NotImplementedError(`Table '${descriptor.table}': connector '${lower}' is not supported yet`, { hint: `supported connectors: ${SUPPORTED_CONNECTORS.join(', ')}` });
    }
    const hint = didYouMean(name, [...SUPPORTED_CONNECTORS, ...KNOWN_UNSUPPORTED_CONNECTORS]) ?? `supported connectors: ${SUPPORTED_CONNECTORS.join(', ')}`;
    throw new ConnectorError(`Unsupported connector '${name}'`, { hint });
  }
  if (!definition.roles.includes(role)) {
    const as = (r: ConnectorRole): string => (r === 'lookup' ? 'a lookup table' : `a ${r}`);
    throw new ConnectorError(`Table '${descriptor.table}': connector '${definition.name}' can only be used as ${definition.roles.map(as).join(' or ')}, not as ${as(role)}`);
  }
  return definition;
}

/** What a connector's sources emit: 'upsert' (by the table's PRIMARY KEY) or 'append'. Unknown connectors: 'append'. */
export function sourceChangelogMode(connector: string): 'append' | 'upsert' {
  return CONNECTORS.get(connector)?.sourceChangelog ?? 'append';
}

/**
 * The lookup cache of a table used as a lookup table (checking its options; throws ConnectorError), or undefined
 * when its connector cannot be one.
 */
export function lookupCacheOf(descriptor: ConnectorDescriptor): LookupCacheSpec | undefined {
  const definition = CONNECTORS.get(descriptor.connector) ?? CONNECTORS.get(descriptor.connector.toLowerCase());
  if (!definition?.roles.includes('lookup') || !definition.readLookupOptions) return undefined;
  return definition.readLookupOptions(descriptor).cache;
}

/** Checks a table's connector and options at plan time; throws ConnectorError (NotImplementedError for known but unsupported connectors). */
export function validateConnectorOptions(role: ConnectorRole, descriptor: ConnectorDescriptor): void {
  const definition = definitionFor(role, descriptor);
  validateMetadataColumns(role, definition, descriptor);
  definition.validate(role, descriptor);
}

/** METADATA columns: the connector must offer the key, and the column must have its type. */
function validateMetadataColumns(role: ConnectorRole, definition: ConnectorDefinition, descriptor: ConnectorDescriptor): void {
  for (const { index, key } of descriptor.metadata ?? []) {
    const column = descriptor.schema.fields[index]!;
    const offered = definition.metadata ?? {};
    const type = offered[key];
    if (type === undefined) {
      const keys = Object.keys(offered);
      throw new ConnectorError(
        `Table '${descriptor.table}': connector '${definition.name}' has no metadata '${key}' (column '${column.name}')`,
        { hint: keys.length > 0 ? `available metadata: ${keys.join(', ')}` : `connector '${definition.name}' offers no metadata columns` },
      );
    }
    const fits = column.type.kind === type.kind && (!isNested(type) || sameType(column.type, type));
    if (!fits) {
      throw new ConnectorError(`Table '${descriptor.table}': metadata '${key}' (column '${column.name}') is ${formatType(type)}, not ${formatType(column.type)}`);
    }
    if (role === 'sink' && !(definition.writableMetadata ?? []).includes(key)) {
      const writable = definition.writableMetadata ?? [];
      throw new ConnectorError(`Table '${descriptor.table}': metadata '${key}' (column '${column.name}') is read-only; a sink cannot write it`, {
        hint: `declare the column VIRTUAL to use the table as a sink${writable.length > 0 ? `; writable metadata: ${writable.join(', ')}` : ''}`,
      });
    }
  }
}

export interface ConnectorRegistryOptions {
  readonly baseDirectory: string;
  readonly printLine: (line: string) => void;
  readonly inProcessTables: ReadonlyMap<string, InProcessSource>;
}

export function createConnectorRegistry(options: ConnectorRegistryOptions): ConnectorRegistry {
  const environment: ConnectorEnvironment = options;
  return {
    createSource(descriptor: ConnectorDescriptor): SourceReader {
      const definition = definitionFor('source', descriptor);
      definition.validate('source', descriptor);
      return definition.createSource!(descriptor, environment);
    },
    createSink(descriptor: ConnectorDescriptor): SinkWriter {
      const definition = definitionFor('sink', descriptor);
      definition.validate('sink', descriptor);
      return definition.createSink!(descriptor, environment);
    },
    createLookup(descriptor: ConnectorDescriptor, keyColumns: readonly number[]): LookupReader {
      const definition = definitionFor('lookup', descriptor);
      definition.validate('lookup', descriptor);
      if (!definition.createLookup) throw new ConnectorError(`Table '${descriptor.table}': connector '${definition.name}' has no lookup reader`);
      return definition.createLookup(descriptor, keyColumns, environment);
    },
  };
}
