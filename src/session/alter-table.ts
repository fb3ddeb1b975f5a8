/**
 * Catalog statements: `ALTER TABLE … SET / RESET / RENAME TO`, `USE [CATALOG]` and `SHOW CATALOGS / DATABASES /
 * CURRENT CATALOG / CURRENT DATABASE`.
 *
 * ALTER TABLE works as Flink's: SET merges options into the table's (a key given again replaces its value), RESET
 * removes keys (not `connector`; a key the table does not have is ignored), RENAME TO renames the table. Jobs already
 * running keep the table as they planned it; later statements see the change (also SHOW CREATE TABLE). Sluice has
 * one catalog and database, named as Flink's defaults, so `USE CATALOG default_catalog` and `USE default_database`
 * are accepted and any other name is an error.
 */
import { PlanError } from '../common/errors.js';
import type { AlterTable, ShowCatalogs, UseCatalog, UseDatabase } from '../parser/ast.js';
import type { Catalog, CatalogTable } from '../planner/catalog.js';
import type { StatementResult } from './api-types.js';

export const DEFAULT_CATALOG = 'default_catalog';
export const DEFAULT_DATABASE = 'default_database';

export function alterTable(statement: AlterTable, catalog: Catalog): StatementResult {
  const { name, action } = statement;
  const dollar = name.name.lastIndexOf('$');
  if (dollar > 0 && catalog.find(name.name.slice(0, dollar))?.kind === 'table') {
    throw new PlanError(`'${name.name}' is a system table; it cannot be altered`, { position: name.position });
  }
  const entry = catalog.find(name.name);
  if (!entry) {
    if (statement.ifExists) return ok(`Table '${name.name}' does not exist; skipped.`);
    throw new PlanError(`Table '${name.name}' does not exist`, { position: name.position });
  }
  if (entry.kind !== 'table') throw new PlanError(`'${entry.name}' is a view; ALTER TABLE changes tables`, { position: name.position });
  switch (action.kind) {
    case 'set': {
      requireOptions(entry, statement);
      const options: Record<string, string> = { ...entry.options };
      const given = new Set<string>();
      for (const option of action.options) {
        if (given.has(option.key)) throw new PlanError(`Duplicate option '${option.key}'`, { position: option.position });
        given.add(option.key);
        options[option.key] = option.value;
      }
      catalog.add({ ...entry, options });
      return ok(`Table '${entry.name}' altered.`);
    }
    case 'reset': {
      requireOptions(entry, statement);
      const options: Record<string, string> = { ...entry.options };
      for (const { key, position } of action.keys) {
        if (key === 'connector') throw new PlanError("ALTER TABLE RESET cannot remove 'connector'; SET it to another connector instead", { position });
        delete options[key];
      }
      catalog.add({ ...entry, options });
      return ok(`Table '${entry.name}' altered.`);
    }
    case 'rename': {
      const target = action.to;
      const existing = catalog.find(target.name);
      if (existing && existing !== entry) throw new PlanError(`Table or view '${existing.name}' already exists`, { position: target.position });
      catalog.remove(entry.name);
      catalog.add({ ...entry, name: target.name });
      return ok(`Table '${entry.name}' renamed to '${target.name}'.`);
    }
  }
}

/** A table registered from the API has no WITH options to change. */
function requireOptions(table: CatalogTable, statement: AlterTable): void {
  if (table.options['connector'] === 'in-process') {
    throw new PlanError(`'${table.name}' is registered from the API and has no WITH options to change`, { position: statement.name.position });
  }
}

export function use(statement: UseCatalog | UseDatabase): StatementResult {
  const [wanted, what] = statement.kind === 'use-catalog' ? [DEFAULT_CATALOG, 'Catalog'] : [DEFAULT_DATABASE, 'Database'];
  if (statement.name.name !== wanted) {
    throw new PlanError(`${what} '${statement.name.name}' does not exist: Sluice has one catalog, ${DEFAULT_CATALOG}, with one database, ${DEFAULT_DATABASE}`, {
      position: statement.name.position,
    });
  }
  return ok(`Using ${what.toLowerCase()} ${wanted}.`);
}

/** Flink's answers: one catalog, one database, each current. */
export function showCatalogs(statement: ShowCatalogs): StatementResult {
  switch (statement.what) {
    case 'catalogs': return { kind: 'table', columns: ['catalog name'], rows: [[DEFAULT_CATALOG]] };
    case 'databases': return { kind: 'table', columns: ['database name'], rows: [[DEFAULT_DATABASE]] };
    case 'current catalog': return { kind: 'table', columns: ['current catalog name'], rows: [[DEFAULT_CATALOG]] };
    case 'current database': return { kind: 'table', columns: ['current database name'], rows: [[DEFAULT_DATABASE]] };
  }
}

function ok(message: string): StatementResult {
  return { kind: 'ok', message };
}
