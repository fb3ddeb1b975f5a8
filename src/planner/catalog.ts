/**
 * The catalog: tables (from CREATE TABLE or registered in-process) and views, by name. Names are matched
 * exactly first, then case-insensitively, like columns.
 */
import type { SourcePosition } from '../common/errors.js';
import { PlanError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { ConnectorDescriptor, LookupCacheSpec } from '../dataflow/graph.js';
import type { Expr } from '../dataflow/expr.js';
import type { Expression, Identifier, Query } from '../parser/ast.js';
import { suggestName } from './binder/suggest.js';

export interface CatalogColumn {
  readonly name: string;
  /** TIMESTAMP columns with a WATERMARK carry `rowtime: true`. */
  readonly type: DataType;
  readonly nullable: boolean;
  /** Computed columns (`total AS price * quantity`) have their expression; physical ones come from the connector. */
  readonly computed: Expression | null;
  /** A computed column's expression as written in its DDL (for SHOW CREATE TABLE and LIKE). */
  readonly computedSql?: string;
  /** `… METADATA [FROM 'key'] [VIRTUAL]`: filled by the source from record metadata (Kafka's offset, partition, …). */
  readonly metadata?: { readonly key: string; readonly virtual: boolean };
}

export interface WatermarkDeclaration {
  readonly column: string;
  readonly expression: Expression;
  /** The expression's SQL text, for DESCRIBE and EXPLAIN. */
  readonly text: string;
  /** The expression as written in the DDL (for SHOW CREATE TABLE and LIKE); absent for in-process tables. */
  readonly sql?: string;
}

export interface CatalogTable {
  readonly kind: 'table';
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
  readonly watermark: WatermarkDeclaration | null;
  readonly primaryKey: readonly string[];
  /** `PARTITIONED BY (…)` columns (filesystem tables: one directory level each, `dt=2024-01-01/`); absent: none. */
  readonly partitionKeys?: readonly string[];
  /** WITH options; `connector` included. In-process tables have connector 'in-process'. */
  readonly options: Readonly<Record<string, string>>;
  readonly position: SourcePosition;
  /** A VALUES table (connector `values`): its rows, constant expressions of the columns' types. */
  readonly values?: readonly (readonly Expr[])[];
}

export interface CatalogView {
  readonly kind: 'view';
  readonly name: string;
  readonly query: Query;
  /** The query as written in CREATE VIEW (for SHOW CREATE VIEW). */
  readonly queryText?: string;
  /** Output columns, computed when the view was created. */
  readonly columns: readonly CatalogColumn[];
  readonly position: SourcePosition;
}

export type CatalogEntry = CatalogTable | CatalogView;

/**
 * Resolves system tables: names that are not in the catalog but derived from a table in it, such as
 * `` `bids$late` `` (the late records of `bids`). Registered by the session; the planner only asks.
 */
/** `bids$late` with suffix 'late' → `bids`; undefined when `name` is not `<base>$<suffix>` (case-insensitively). */
export function systemTableBase(name: string, suffix: string): string | undefined {
  const tail = `$${suffix}`;
  return name.length > tail.length && name.toLowerCase().endsWith(tail) ? name.slice(0, name.length - tail.length) : undefined;
}

export interface SystemTableProvider {
  /** The suffix after `$`, e.g. 'late'. */
  readonly suffix: string;
  /** The system table of `base`, or undefined if `base` has none (e.g. no watermark). */
  tableFor(base: CatalogTable, name: string): CatalogTable | undefined;
  /** Why `base` has no such system table, for the error message. */
  missingReason(base: CatalogTable): string;
}

/** A table's lookup cache when its connector can be a lookup table (a processing-time temporal join); else undefined. */
export type LookupSupport = (descriptor: ConnectorDescriptor) => LookupCacheSpec | undefined;

/** What a table's source emits: inserts only, or upserts by its PRIMARY KEY (with deletes by key, e.g. upsert-kafka). */
export type SourceChangelogMode = 'append' | 'upsert';

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly systemTables: SystemTableProvider[] = [];

  /**
   * `changelogOf` tells, per connector name, what its sources emit; `lookupOf` whether a table can be a lookup table
   * and with which cache (the session asks the connectors; it checks the table's options and may throw).
   */
  constructor(
    private readonly changelogOf: (connector: string) => SourceChangelogMode = () => 'append',
    private readonly lookupOf: LookupSupport = () => undefined,
  ) {}

  sourceChangelog(table: CatalogTable): SourceChangelogMode {
    return this.changelogOf(table.options['connector'] ?? '');
  }

  /** The lookup cache of `descriptor`'s table as a lookup table; undefined when its connector has no lookups. */
  lookupCache(descriptor: ConnectorDescriptor): LookupCacheSpec | undefined {
    return this.lookupOf(descriptor);
  }

  /** Makes `<table>$<suffix>` resolvable through `provider`. */
  addSystemTables(provider: SystemTableProvider): void {
    this.systemTables.push(provider);
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  find(name: string): CatalogEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    const matches = [...this.entries.values()].filter((e) => e.name.toLowerCase() === lower);
    return matches.length === 1 ? matches[0] : this.findSystemTable(name);
  }

  /** `bids$late` → the 'late' provider's table for `bids` (the base name resolved like any table name). */
  private findSystemTable(name: string): CatalogEntry | undefined {
    const dollar = name.lastIndexOf('$');
    if (dollar <= 0) return undefined;
    const suffix = name.slice(dollar + 1).toLowerCase();
    const provider = this.systemTables.find((p) => p.suffix === suffix);
    const base = provider ? this.find(name.slice(0, dollar)) : undefined;
    return base?.kind === 'table' ? provider!.tableFor(base, `${base.name}$${provider!.suffix}`) : undefined;
  }

  /** Finds a table or view, or throws `Unknown table 'x' at l:c (did you mean 'y'?)`. */
  resolve(id: Identifier): CatalogEntry {
    const entry = this.find(id.name);
    if (entry) return entry;
    const dollar = id.name.lastIndexOf('$');
    const provider = dollar > 0 ? this.systemTables.find((p) => p.suffix === id.name.slice(dollar + 1).toLowerCase()) : undefined;
    const base = provider ? this.find(id.name.slice(0, dollar)) : undefined;
    if (provider && base?.kind === 'table') throw new PlanError(`Unknown table '${id.name}': ${provider.missingReason(base)}`, { position: id.position });
    const suggestion = suggestName(id.name, this.names());
    throw new PlanError(`Unknown table '${id.name}'`, {
      position: id.position,
      ...(suggestion ? { hint: `did you mean '${suggestion}'?` } : {}),
    });
  }

  resolveTable(id: Identifier): CatalogTable {
    const entry = this.resolve(id);
    if (entry.kind !== 'table') throw new PlanError(`'${id.name}' is a view, not a table`, { position: id.position });
    return entry;
  }

  add(entry: CatalogEntry): void {
    this.entries.set(entry.name, entry);
  }

  remove(name: string): CatalogEntry | undefined {
    const entry = this.find(name);
    if (entry) this.entries.delete(entry.name);
    return entry;
  }
}
