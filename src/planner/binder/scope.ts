/**
 * Name resolution: the columns visible to an expression and how `a` / `t.a` find one of them. Exact-case
 * matches win; otherwise a unique case-insensitive match is taken. Failures are PlanErrors with a position and,
 * when a name looks misspelt, a "did you mean" hint.
 */
import { PlanError } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { ColumnRef, Identifier } from '../../parser/ast.js';
import { suggestName } from './suggest.js';

export interface ScopeColumn {
  readonly name: string;
  /** The table name or alias the column can be qualified with; null for derived columns without one. */
  readonly qualifier: string | null;
  readonly type: DataType;
  /** Informational: the binder treats every expression as nullable. */
  readonly nullable: boolean;
  /** Index of the column in the input row. */
  readonly index: number;
  /** A column of the enclosing query seen from a correlated subquery: the subquery's own columns shadow it. */
  readonly outer?: boolean;
  /**
   * Reachable only by a qualified name (`a.k`) and in `a.*`: a USING column of one side of a join, whose merged
   * column takes the plain name and the place in `*`.
   */
  readonly qualifiedOnly?: boolean;
}

export interface Scope {
  readonly columns: readonly ScopeColumn[];
}

/** Keeps the exact-case matches if any, else the case-insensitive ones. */
function matching<T>(items: readonly T[], name: string, key: (item: T) => string | null): T[] {
  const exact = items.filter((item) => key(item) === name);
  if (exact.length > 0) return exact;
  const lower = name.toLowerCase();
  return items.filter((item) => key(item)?.toLowerCase() === lower);
}

function unique(names: readonly (string | null)[]): string[] {
  return [...new Set(names.filter((n): n is string => n !== null))];
}

function displayName(column: ScopeColumn): string {
  return column.qualifier === null ? column.name : `${column.qualifier}.${column.name}`;
}

function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const suggestion = suggestName(name, candidates);
  return suggestion === undefined ? undefined : `did you mean '${suggestion}'?`;
}

function pick(matches: readonly ScopeColumn[], shownName: string, at: Identifier): ScopeColumn | undefined {
  const own = matches.filter((c) => !c.outer);
  const found = own.length > 0 ? own : matches;
  if (found.length === 1) return found[0];
  if (found.length === 0) return undefined;
  const candidates = found.map(displayName).join(', ');
  throw new PlanError(`Column '${shownName}' is ambiguous; it could be any of: ${candidates}`, { position: at.position });
}

/** Finds the column a reference names, or throws a PlanError (unknown column or qualifier, ambiguous name). */
export function resolveColumn(ref: ColumnRef, scope: Scope): ScopeColumn {
  const path = ref.path;
  if (path.length === 1) {
    const id = path[0] as Identifier;
    const reachable = scope.columns.filter((c) => !c.qualifiedOnly);
    const found = pick(matching(reachable, id.name, (c) => c.name), id.name, id);
    if (found) return found;
    const hint = didYouMean(id.name, unique(reachable.map((c) => c.name)));
    throw new PlanError(`Unknown column '${id.name}'`, { position: ref.position, hint });
  }
  if (path.length === 2) {
    const [qualifierId, nameId] = path as readonly [Identifier, Identifier];
    const named = matching(scope.columns, qualifierId.name, (c) => c.qualifier);
    // A qualifier of the subquery's own FROM shadows the same qualifier of the enclosing query.
    const qualified = named.some((c) => !c.outer) ? named.filter((c) => !c.outer) : named;
    if (qualified.length === 0) {
      const hint = didYouMean(qualifierId.name, unique(scope.columns.map((c) => c.qualifier)));
      throw new PlanError(`Unknown table or alias '${qualifierId.name}'`, { position: qualifierId.position, hint });
    }
    const shown = `${qualifierId.name}.${nameId.name}`;
    const found = pick(matching(qualified, nameId.name, (c) => c.name), shown, nameId);
    if (found) return found;
    const hint = didYouMean(nameId.name, unique(qualified.map((c) => c.name)));
    throw new PlanError(`Unknown column '${nameId.name}' in '${qualifierId.name}'`, { position: nameId.position, hint });
  }
  const text = path.map((id) => id.name).join('.');
  throw new PlanError(`Unsupported column reference '${text}': use 'column' or 'table.column'`, { position: ref.position });
}
