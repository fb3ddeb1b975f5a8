/**
 * The catalog: tables (from CREATE TABLE or registered in-process) and views, by name. Names are matched
 * exactly first, then case-insensitively, like columns.
 */
import type { SourcePosition } from '../common/errors.js';
import { PlanError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { Expression, Identifier, Query } from '../parser/ast.js';
import { suggestName } from './binder/suggest.js';

export interface CatalogColumn {
  readonly name: string;
  /** TIMESTAMP columns with a WATERMARK carry `rowtime: true`. */
  readonly type: DataType;
  readonly nullable: boolean;
  /** Computed columns (`total AS price * quantity`) have their expression; physical ones come from the connector. */
  readonly computed: Expression | null;
}

export interface WatermarkDeclaration {
  readonly column: string;
  readonly expression: Expression;
  /** The expression's SQL text, for DESCRIBE and EXPLAIN. */
  readonly text: string;
}

export interface CatalogTable {
  readonly kind: 'table';
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
  readonly watermark: WatermarkDeclaration | null;
  readonly primaryKey: readonly string[];
  /** WITH options; `connector` included. In-process tables have connector 'in-process'. */
  readonly options: Readonly<Record<string, string>>;
  readonly position: SourcePosition;
}

export interface CatalogView {
  readonly kind: 'view';
  readonly name: string;
  readonly query: Query;
  /** Output columns, computed when the view was created. */
  readonly columns: readonly CatalogColumn[];
  readonly position: SourcePosition;
}

export type CatalogEntry = CatalogTable | CatalogView;

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();

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
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Finds a table or view, or throws `Unknown table 'x' at l:c (did you mean 'y'?)`. */
  resolve(id: Identifier): CatalogEntry {
    const entry = this.find(id.name);
    if (entry) return entry;
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
