/**
 * The time condition of an interval join, found among the ON condition's conjuncts: comparisons between a time
 * attribute of each side, each optionally shifted by interval literals, e.g. `L.ts BETWEEN R.ts - INTERVAL '1' HOUR
 * AND R.ts` (which the binder turns into `L.ts >= R.ts - …` AND `L.ts <= R.ts`), or the same with `<`, `>`, either
 * side first. Each comparison bounds `L.ts - R.ts`: `>=` from below, `<=` from above, strict forms one millisecond
 * tighter (Flink does the same at millisecond precision). An interval join needs both bounds on one pair of columns.
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { isProctime, isRowtime } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import type { Schema } from '../../dataflow/schema.js';
import type { IntervalJoinBounds } from '../logical/plan.js';

export interface ExtractedInterval {
  readonly bounds: IntervalJoinBounds;
  /** The conjuncts that are not part of the time condition (the join's residual condition). */
  readonly rest: readonly Expr[];
}

/** A time column shifted by a constant: `column + offset` (ms). */
interface TimeOperand {
  readonly index: number;
  readonly offset: number;
}

/** `L.time - R.time` compared with a constant. */
interface TimeBound {
  readonly part: number;
  readonly leftIndex: number;
  readonly rightIndex: number;
  readonly side: 'lower' | 'upper';
  readonly value: number;
}

type ComparisonOp = 'less' | 'less-equal' | 'greater' | 'greater-equal';
const MIRRORED: Record<ComparisonOp, ComparisonOp> = { less: 'greater', 'less-equal': 'greater-equal', greater: 'less', 'greater-equal': 'less-equal' };

/**
 * The interval bounds of `parts` (conjuncts over the joined row: left columns, then right columns), or undefined
 * when they do not bound one pair of time attributes from both sides (both event time, or both processing time).
 */
export function extractIntervalBounds(
  parts: readonly Expr[],
  left: Schema,
  right: Schema,
  position: SourcePosition,
): ExtractedInterval | undefined {
  const leftWidth = left.fields.length;
  const isTime = (index: number): boolean => {
    const type = index < leftWidth ? left.fields[index]?.type : right.fields[index - leftWidth]?.type;
    return type !== undefined && (isRowtime(type) || isProctime(type));
  };
  const bounds: TimeBound[] = [];
  parts.forEach((part, p) => {
    const bound = timeBound(part, p, leftWidth, isTime);
    if (bound) bounds.push(bound);
  });
  for (const first of bounds) {
    const pair = bounds.filter((b) => b.leftIndex === first.leftIndex && b.rightIndex === first.rightIndex);
    const lowers = pair.filter((b) => b.side === 'lower');
    const uppers = pair.filter((b) => b.side === 'upper');
    if (lowers.length === 0 || uppers.length === 0) continue;
    const leftType = left.fields[first.leftIndex]!.type;
    const rightType = right.fields[first.rightIndex - leftWidth]!.type;
    const processing = isProctime(leftType) && isProctime(rightType);
    if (!processing && (!isRowtime(leftType) || !isRowtime(rightType))) {
      throw new PlanError('An interval join compares two event-time or two processing-time attributes, not one of each', { position });
    }
    const used = new Set(pair.map((b) => b.part));
    return {
      bounds: {
        leftTimeIndex: first.leftIndex,
        rightTimeIndex: first.rightIndex - leftWidth,
        lowerBound: Math.max(...lowers.map((b) => b.value)),
        upperBound: Math.min(...uppers.map((b) => b.value)),
        ...(processing ? { timeMode: 'processing' as const } : {}),
      },
      rest: parts.filter((_, p) => !used.has(p)),
    };
  }
  return undefined;
}

function timeBound(part: Expr, index: number, leftWidth: number, isTime: (column: number) => boolean): TimeBound | undefined {
  if (part.kind !== 'call' || !(part.op in MIRRORED)) return undefined;
  const a = timeOperand(part.args[0]!);
  const b = timeOperand(part.args[1]!);
  if (!a || !b || !isTime(a.index) || !isTime(b.index)) return undefined;
  let op = part.op as ComparisonOp;
  let value: number;
  let leftIndex: number;
  let rightIndex: number;
  if (a.index < leftWidth && b.index >= leftWidth) {
    // L + oa op R + ob  ⇔  L - R op ob - oa
    [leftIndex, rightIndex, value] = [a.index, b.index, b.offset - a.offset];
  } else if (b.index < leftWidth && a.index >= leftWidth) {
    // R + oa op L + ob  ⇔  L - R mirrored(op) oa - ob
    [leftIndex, rightIndex, value] = [b.index, a.index, a.offset - b.offset];
    op = MIRRORED[op];
  } else {
    return undefined;
  }
  switch (op) {
    case 'greater-equal':
      return { part: index, leftIndex, rightIndex, side: 'lower', value };
    case 'greater':
      return { part: index, leftIndex, rightIndex, side: 'lower', value: value + 1 };
    case 'less-equal':
      return { part: index, leftIndex, rightIndex, side: 'upper', value };
    case 'less':
      return { part: index, leftIndex, rightIndex, side: 'upper', value: value - 1 };
  }
}

/** `column`, `column ± INTERVAL …` (nested): the column and its total shift; undefined for anything else. */
function timeOperand(expr: Expr): TimeOperand | undefined {
  if (expr.kind === 'column') return { index: expr.index, offset: 0 };
  if (expr.kind !== 'call' || (expr.op !== 'timestamp-add-interval' && expr.op !== 'timestamp-subtract-interval')) return undefined;
  const inner = timeOperand(expr.args[0]!);
  const shift = expr.args[1];
  if (!inner || shift?.kind !== 'literal' || typeof shift.value !== 'number') return undefined;
  return { index: inner.index, offset: inner.offset + (expr.op === 'timestamp-add-interval' ? shift.value : -shift.value) };
}
