/**
 * The filter on a rank column that makes a ranking a Top-N: `rownum <= N`, `rownum < N`, `rownum = N`,
 * `rownum BETWEEN a AND b`, `N >= rownum`, and lower bounds `rownum > a` / `rownum >= a`, among the AND-ed conjuncts
 * of a WHERE clause. Bounds must be integer literals. The tightest bounds win; the remaining conjuncts are kept.
 */
import type { BinaryOp, Expression } from '../../parser/ast.js';

export interface RankBounds {
  /** The highest rank kept (inclusive); undefined when no conjunct bounds the rank from above. */
  readonly upper: number | undefined;
  /** The lowest rank kept (inclusive); 1 when not bounded from below. */
  readonly lower: number;
  /** Conjuncts that are not bounds on the rank, in order. */
  readonly others: readonly Expression[];
}

/** Splits `where` into bounds on the rank column (recognised by `isRank`) and the other conjuncts. */
export function rankBounds(where: Expression | null, isRank: (node: Expression) => boolean): RankBounds {
  let upper: number | undefined;
  let lower = 1;
  const others: Expression[] = [];
  for (const conjunct of where ? conjunctsOf(where) : []) {
    const bound = boundOf(conjunct, isRank);
    if (!bound) {
      others.push(conjunct);
      continue;
    }
    if (bound.upper !== undefined) upper = upper === undefined ? bound.upper : Math.min(upper, bound.upper);
    if (bound.lower !== undefined) lower = Math.max(lower, bound.lower);
  }
  return { upper, lower, others };
}

function conjunctsOf(node: Expression): Expression[] {
  if (node.kind === 'binary' && node.op === 'AND') return [...conjunctsOf(node.left), ...conjunctsOf(node.right)];
  return [node];
}

interface Bound {
  readonly upper?: number;
  readonly lower?: number;
}

/** Comparison operators with the rank on the left; `N op rownum` is turned around first. */
const MIRRORED: Partial<Record<BinaryOp, BinaryOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };

function boundOf(node: Expression, isRank: (node: Expression) => boolean): Bound | undefined {
  if (node.kind === 'binary') {
    let op: BinaryOp | undefined = node.op;
    let value = integerOf(node.right);
    if (!isRank(node.left) || value === undefined) {
      if (!isRank(node.right)) return undefined;
      op = MIRRORED[node.op];
      value = integerOf(node.left);
    }
    if (op === undefined || value === undefined) return undefined;
    switch (op) {
      case '<=': return { upper: value };
      case '<': return { upper: value - 1 };
      case '=': return { upper: value, lower: value };
      case '>=': return { lower: value };
      case '>': return { lower: value + 1 };
      default: return undefined;
    }
  }
  if (node.kind === 'between' && !node.negated && isRank(node.operand)) {
    const low = integerOf(node.low);
    const high = integerOf(node.high);
    if (low === undefined || high === undefined) return undefined;
    return node.symmetric ? { lower: Math.min(low, high), upper: Math.max(low, high) } : { lower: low, upper: high };
  }
  return undefined;
}

/** An integer literal (`3`, `-1`), or undefined. */
function integerOf(node: Expression): number | undefined {
  if (node.kind === 'literal' && node.type === 'number' && /^\d+$/.test(node.text)) return Number(node.text);
  if (node.kind === 'unary' && node.op === '-') {
    const value = integerOf(node.operand);
    return value === undefined ? undefined : -value;
  }
  return undefined;
}
