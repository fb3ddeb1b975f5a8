/** Small helpers over bound expressions used by rewrite rules. */
import type { Expr } from '../../dataflow/expr.js';

/** Column indexes an expression reads. */
export function referencedColumns(expr: Expr, into = new Set<number>()): Set<number> {
  switch (expr.kind) {
    case 'column':
      into.add(expr.index);
      break;
    case 'literal':
      break;
    case 'call':
      for (const arg of expr.args) referencedColumns(arg, into);
      break;
    case 'case':
      for (const w of expr.whens) {
        referencedColumns(w.when, into);
        referencedColumns(w.then, into);
      }
      if (expr.otherwise) referencedColumns(expr.otherwise, into);
      break;
    case 'cast':
      referencedColumns(expr.arg, into);
      break;
  }
  return into;
}

/** Replaces every column reference `i` by `replacement(i)`. */
export function rewriteColumns(expr: Expr, replacement: (index: number) => Expr): Expr {
  switch (expr.kind) {
    case 'column':
      return replacement(expr.index);
    case 'literal':
      return expr;
    case 'call':
      return { ...expr, args: expr.args.map((a) => rewriteColumns(a, replacement)) };
    case 'case':
      return {
        ...expr,
        whens: expr.whens.map((w) => ({ when: rewriteColumns(w.when, replacement), then: rewriteColumns(w.then, replacement) })),
        otherwise: expr.otherwise ? rewriteColumns(expr.otherwise, replacement) : null,
      };
    case 'cast':
      return { ...expr, arg: rewriteColumns(expr.arg, replacement) };
  }
}
