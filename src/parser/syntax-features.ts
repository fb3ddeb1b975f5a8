/**
 * The constructs of a statement that the parser accepts but that live outside the node kinds every planner
 * handles: optional Query fields (WITH, set operations, grouping sets, WINDOW clauses), aggregate FILTER, and the
 * CREATE TABLE extras (LIKE, METADATA columns, PARTITIONED BY). The session uses this list to reject what it
 * cannot run yet, at the construct's position; a planner that learns one drops it from what it rejects.
 */
import type { SourcePosition } from '../common/errors.js';
import type { Query, Statement } from './ast.js';
import { expressionsIn, queriesIn } from './ast-walk.js';

export type SyntaxFeatureKind =
  | 'with'
  | 'set-operation'
  | 'grouping-sets'
  | 'named-window'
  | 'aggregate-filter'
  | 'table-like'
  | 'metadata-column'
  | 'partitioned-by';

export interface SyntaxFeature {
  readonly kind: SyntaxFeatureKind;
  /** How messages name it, e.g. `UNION ALL`, `WITH (common table expressions)`. */
  readonly name: string;
  readonly position: SourcePosition;
}

/** The features used in `root`, in the order of the queries (outermost first), then of CREATE TABLE's clauses. */
export function syntaxFeatures(root: Statement | Query): SyntaxFeature[] {
  const features: SyntaxFeature[] = [];
  for (const query of queriesIn(root)) {
    const first = query.with?.[0];
    if (first !== undefined) features.push({ kind: 'with', name: 'WITH (common table expressions)', position: first.position });
    const setOperation = query.setOperation;
    if (setOperation !== undefined) {
      const name = `${setOperation.op}${setOperation.all ? ' ALL' : ''}`;
      features.push({ kind: 'set-operation', name, position: setOperation.position });
    }
    if (query.groupingSets !== undefined) {
      features.push({
        kind: 'grouping-sets',
        name: 'GROUPING SETS, ROLLUP and CUBE',
        position: query.groupingSetsPosition ?? query.position,
      });
    }
    const window = query.windows?.[0];
    if (window !== undefined) features.push({ kind: 'named-window', name: 'The WINDOW clause', position: window.position });
  }
  for (const expr of expressionsIn(root)) {
    if (expr.kind === 'call' && expr.filter !== undefined) {
      features.push({ kind: 'aggregate-filter', name: 'FILTER (WHERE …) on aggregates', position: expr.filter.position });
    }
  }
  if (root.kind === 'create-table') {
    if (root.like !== undefined) features.push({ kind: 'table-like', name: 'CREATE TABLE … LIKE', position: root.like.position });
    for (const column of root.columns) {
      if (column.kind === 'physical-column' && column.metadata !== undefined) {
        features.push({ kind: 'metadata-column', name: 'METADATA columns', position: column.metadata.position });
      }
    }
    const partitionKey = root.partitionedBy?.[0];
    if (partitionKey !== undefined) features.push({ kind: 'partitioned-by', name: 'PARTITIONED BY', position: partitionKey.position });
  }
  return features;
}

const STATEMENT_NAMES: Readonly<Record<Statement['kind'], string>> = {
  'create-table': 'CREATE TABLE',
  'create-view': 'CREATE VIEW',
  'drop-table': 'DROP TABLE',
  'drop-view': 'DROP VIEW',
  insert: 'INSERT',
  query: 'SELECT',
  explain: 'EXPLAIN',
  'show-tables': 'SHOW TABLES',
  describe: 'DESCRIBE',
  set: 'SET',
  reset: 'RESET',
  'show-watermarks': 'SHOW WATERMARKS',
  'show-jobs': 'SHOW JOBS',
  'show-views': 'SHOW VIEWS',
  'show-functions': 'SHOW FUNCTIONS',
  'show-create': 'SHOW CREATE',
  'show-columns': 'SHOW COLUMNS',
  'show-partitions': 'SHOW PARTITIONS',
  'use-catalog': 'USE CATALOG',
  'use-database': 'USE',
  'create-function': 'CREATE FUNCTION',
  'drop-function': 'DROP FUNCTION',
  'alter-table': 'ALTER TABLE',
  'show-catalogs': 'SHOW CATALOGS',
  'statement-set': 'EXECUTE STATEMENT SET',
  'explain-statement-set': 'EXPLAIN of a statement set',
};

/** How messages name a statement's kind: `SHOW WATERMARKS`, `EXECUTE STATEMENT SET`, `SHOW CREATE TABLE`. */
export function statementName(statement: Statement): string {
  if (statement.kind === 'show-create') return `SHOW CREATE ${statement.object}`;
  if (statement.kind === 'show-catalogs') return `SHOW ${statement.what.toUpperCase()}`;
  return STATEMENT_NAMES[statement.kind];
}
