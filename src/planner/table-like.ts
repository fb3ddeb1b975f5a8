/**
 * CREATE TABLE t2 (…) WITH (…) LIKE t1 (options): t1's definition merged into t2's, by Flink's rules. Features:
 * CONSTRAINTS (the primary key), GENERATED (computed columns), METADATA (metadata columns), OPTIONS, WATERMARKS,
 * PARTITIONS; strategies INCLUDING (take t1's; a definition in both is an error), EXCLUDING (leave t1's out) and
 * OVERWRITING (take t1's; t2's wins where both define one; not for CONSTRAINTS and PARTITIONS). `INCLUDING ALL` /
 * `EXCLUDING ALL` sets every feature not named on its own. Without options: INCLUDING ALL, OVERWRITING OPTIONS.
 * t1's physical columns always come first; t2 may not redefine one.
 */
import { PlanError } from '../common/errors.js';
import { formatType } from '../common/types.js';
import { parseType, type ColumnDef, type ComputedColumnDef, type CreateTable, type Identifier, type TableLike } from '../parser/index.js';
import type { CatalogTable } from './catalog.js';

type Strategy = 'INCLUDING' | 'EXCLUDING' | 'OVERWRITING';
type Feature = 'CONSTRAINTS' | 'GENERATED' | 'METADATA' | 'OPTIONS' | 'WATERMARKS' | 'PARTITIONS';

export function likeStrategies(like: TableLike): Record<Feature, Strategy> {
  const all = like.options.filter((o) => o.what === 'ALL').at(-1);
  const base: Strategy = all ? all.mode : 'INCLUDING';
  if (all?.mode === 'OVERWRITING') throw new PlanError('OVERWRITING ALL is not allowed; use INCLUDING ALL or EXCLUDING ALL', { position: like.position });
  const result: Record<Feature, Strategy> = { CONSTRAINTS: base, GENERATED: base, METADATA: base, OPTIONS: all ? base : 'OVERWRITING', WATERMARKS: base, PARTITIONS: base };
  for (const option of like.options) {
    if (option.what === 'ALL') continue;
    const feature = option.what as Feature;
    if (option.mode === 'OVERWRITING' && (feature === 'CONSTRAINTS' || feature === 'PARTITIONS')) {
      throw new PlanError(`OVERWRITING ${feature} is not allowed; use INCLUDING or EXCLUDING`, { position: like.position });
    }
    result[feature] = option.mode;
  }
  return result;
}

/** The merged DDL, and which of its computed columns and watermark came from `base` (their SQL text is base's). */
export function mergeLike(ddl: CreateTable, like: TableLike, base: CatalogTable): CreateTable {
  const strategy = likeStrategies(like);
  const position = like.position;
  const id = (name: string): Identifier => ({ kind: 'identifier', name, quoted: true, position });
  const own = new Map(ddl.columns.map((c) => [c.name.name.toLowerCase(), c]));
  const columns: (ColumnDef | ComputedColumnDef)[] = [];
  for (const column of base.columns) {
    const key = column.name.toLowerCase();
    const mine = own.get(key);
    const feature: Feature | null = column.computed ? 'GENERATED' : column.metadata ? 'METADATA' : null;
    if (feature === null) {
      if (mine) throw new PlanError(`A column named '${mine.name.name}' already exists in the base table '${base.name}'`, { position: mine.name.position });
      columns.push(physical(column.name, column.type, column.nullable, position, id));
      continue;
    }
    if (strategy[feature] === 'EXCLUDING') continue;
    if (mine) {
      if (strategy[feature] === 'INCLUDING') {
        throw new PlanError(`A ${feature === 'GENERATED' ? 'computed' : 'metadata'} column named '${mine.name.name}' already exists in the base table '${base.name}'; use OVERWRITING ${feature}`, { position: mine.name.position });
      }
      continue; // OVERWRITING: the new definition (added below) wins
    }
    if (column.computed) columns.push({ kind: 'computed-column', name: id(column.name), expr: column.computed, position });
    else {
      const def = physical(column.name, column.type, column.nullable, position, id);
      columns.push({ ...def, metadata: { key: column.metadata!.key === column.name ? null : column.metadata!.key, virtual: column.metadata!.virtual, position } });
    }
  }
  columns.push(...ddl.columns);
  let watermark = ddl.watermark;
  if (base.watermark && strategy.WATERMARKS !== 'EXCLUDING') {
    if (watermark && strategy.WATERMARKS === 'INCLUDING') {
      throw new PlanError(`The base table '${base.name}' already has a watermark; use OVERWRITING WATERMARKS`, { position: watermark.position });
    }
    watermark ??= { column: id(base.watermark.column), expr: base.watermark.expression, position };
  }
  let primaryKey = ddl.primaryKey;
  if (base.primaryKey.length > 0 && strategy.CONSTRAINTS === 'INCLUDING') {
    if (primaryKey.length > 0) throw new PlanError(`The base table '${base.name}' already has a primary key; use EXCLUDING CONSTRAINTS`, { position: primaryKey[0]!.position });
    primaryKey = base.primaryKey.map(id);
  }
  let options = ddl.options;
  if (strategy.OPTIONS !== 'EXCLUDING') {
    const mine = new Set(ddl.options.map((o) => o.key));
    const inherited = Object.entries(base.options).filter(([key]) => {
      if (!mine.has(key)) return true;
      if (strategy.OPTIONS === 'INCLUDING') {
        throw new PlanError(`Option '${key}' is set in the base table '${base.name}' too; use OVERWRITING OPTIONS`, { position: ddl.options.find((o) => o.key === key)!.position });
      }
      return false;
    });
    options = [...inherited.map(([key, value]) => ({ key, value, position })), ...ddl.options];
  }
  let partitionedBy = ddl.partitionedBy;
  if (base.partitionKeys && base.partitionKeys.length > 0 && strategy.PARTITIONS === 'INCLUDING') {
    if (partitionedBy && partitionedBy.length > 0) throw new PlanError(`The base table '${base.name}' is already partitioned; use EXCLUDING PARTITIONS`, { position: partitionedBy[0]!.position });
    partitionedBy = base.partitionKeys.map(id);
  }
  const { like: _like, ...rest } = ddl;
  return { ...rest, columns, watermark, primaryKey, ...(partitionedBy ? { partitionedBy } : {}), options };
}

function physical(name: string, type: CatalogTable['columns'][number]['type'], nullable: boolean, position: TableLike['position'], id: (name: string) => Identifier): ColumnDef {
  const plain = type.kind === 'TIMESTAMP' ? { kind: 'TIMESTAMP' as const, precision: type.precision } : type;
  return { kind: 'physical-column', name: id(name), type: { ...parseType(formatType(plain)), notNull: !nullable, position }, comment: null, position };
}
