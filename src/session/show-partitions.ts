/**
 * `SHOW PARTITIONS t [PARTITION (k = 'v', …)]`: the partitions of a partitioned filesystem table, read from its
 * directories (`dt=2024-01-01/hr=10`, as Flink prints a partition), sorted; with a spec, those whose values match it.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { PlanError } from '../common/errors.js';
import { resolveFilesystemPath } from '../connectors/filesystem/options.js';
import { isHiddenName, parsePartitionSegment } from '../connectors/filesystem/partitions.js';
import type { ShowPartitions } from '../parser/ast.js';
import type { Catalog } from '../planner/catalog.js';
import type { StatementResult } from './api-types.js';

export function showPartitions(catalog: Catalog, statement: ShowPartitions, baseDirectory: string): StatementResult {
  const entry = catalog.resolve(statement.name);
  const keys = entry.kind === 'table' ? entry.partitionKeys ?? [] : [];
  if (entry.kind !== 'table' || keys.length === 0) {
    throw new PlanError(`Table '${entry.name}' is not partitioned`, { position: statement.name.position });
  }
  const wanted = new Map<string, string>();
  for (const { key, value } of statement.spec) {
    const column = keys.find((k) => k.toLowerCase() === key.name.toLowerCase());
    if (column === undefined) throw new PlanError(`'${key.name}' is not a partition column of '${entry.name}' (${keys.join(', ')})`, { position: key.position });
    wanted.set(column, value);
  }
  const partitions: string[] = [];
  const walk = (directory: string, level: number, prefix: string): void => {
    if (level === keys.length) {
      partitions.push(prefix);
      return;
    }
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // not written yet: no partitions
    }
    for (const child of entries) {
      if (!child.isDirectory() || isHiddenName(child.name)) continue;
      const segment = parsePartitionSegment(child.name);
      if (segment?.name.toLowerCase() !== keys[level]!.toLowerCase()) continue;
      const value = wanted.get(keys[level]!);
      if (value !== undefined && segment.value !== value) continue;
      walk(path.join(directory, child.name), level + 1, prefix === '' ? child.name : `${prefix}/${child.name}`);
    }
  };
  walk(resolveFilesystemPath(entry.options['path'] ?? '', baseDirectory).path, 0, '');
  return { kind: 'table', columns: ['partition name'], rows: partitions.sort().map((p) => [p]) };
}
