/**
 * EXPLAIN's line for MATCH_RECOGNIZE, in the shape of Flink's `Match(…)`:
 *
 *   Match(partitionBy=[symbol], orderBy=[rowtime ASC], measures=[FIRST(A.price) AS start_price, …],
 *     rowsPerMatch=[ONE ROW PER MATCH], after=[SKIP PAST LAST ROW], pattern=[A B+ C*?], within=[1 h],
 *     define=[B=(B.price < A.price)], emit=[…], late=[…])
 */
import { formatDuration } from '../common/time.js';
import { formatExpr as formatColumns } from '../dataflow/display.js';
import type { Expr } from '../dataflow/expr.js';
import { isRowtime } from '../common/types.js';
import type { SortKey } from '../dataflow/graph.js';
import type { MatchRecognizeSpec, PatternElement, PatternRef } from '../dataflow/match-spec.js';

export function describeMatch(spec: MatchRecognizeSpec, inputNames: readonly string[], outputNames: readonly string[], orderByText: (keys: readonly SortKey[], names: readonly string[]) => string): string {
  const refNames = spec.refs.map((ref) => refText(ref, inputNames));
  const measureNames = outputNames.slice(spec.partitionKeys.length);
  const parts = [
    `partitionBy=[${spec.partitionKeys.map((k) => inputNames[k]!).join(', ')}]`,
    `orderBy=[${[`${inputNames[spec.timeIndex]!} ASC`, ...(spec.orderBy.length > 0 ? [orderByText(spec.orderBy, inputNames)] : [])].join(', ')}]`,
    `measures=[${spec.measures.map((m, i) => `${formatExpr(m, refNames)} AS ${measureNames[i]!}`).join(', ')}]`,
    'rowsPerMatch=[ONE ROW PER MATCH]',
    `after=[${afterText(spec)}]`,
    `pattern=[${spec.pattern.map(elementText).join(' ')}]`,
    ...(spec.within === null ? [] : [`within=[${formatDuration(spec.within)}]`]),
    `define=[${spec.pattern.filter((e) => e.condition !== null).map((e) => `${e.variable}=${formatExpr(e.condition!, refNames)}`).join(', ')}]`,
    spec.timeMode === 'processing'
      ? 'emit=[on arrival]'
      : `emit=[as the watermark passes the rows' times], late=[dropped, counted for ${spec.lateTable}]`,
  ];
  return `Match(${parts.join(', ')})`;
}

/** An expression over columns named as written (`A.price`, `SUM(A.price)`), not quoted as column names. */
function formatExpr(expr: Expr, names: readonly string[]): string {
  return names.reduce((text, name) => text.split(`\`${name.replaceAll('`', '``')}\``).join(name), formatColumns(expr, names));
}

function refText(ref: PatternRef, names: readonly string[]): string {
  switch (ref.kind) {
    case 'navigate': {
      if (isRowtime(ref.type)) return 'MATCH_ROWTIME()';
      const column = `${ref.variable === null ? '' : `${ref.variable}.`}${names[ref.column]!}`;
      if (ref.from === 'last' && ref.offset === 0) return column;
      return `${ref.from === 'first' ? 'FIRST' : 'LAST'}(${column}${ref.offset === 0 ? '' : `, ${ref.offset}`})`;
    }
    case 'aggregate': {
      const argument = ref.argument === null ? '*' : formatExpr(ref.argument, names.map((name) => (ref.variable === null ? name : `${ref.variable}.${name}`)));
      return `${ref.call.fn}(${argument})`;
    }
    case 'proctime':
      return 'MATCH_PROCTIME()';
  }
}

function elementText(element: PatternElement): string {
  const { min, max } = element;
  let quantifier: string;
  if (min === 1 && max === 1) quantifier = '';
  else if (min === 0 && max === null) quantifier = '*';
  else if (min === 1 && max === null) quantifier = '+';
  else if (min === 0 && max === 1) quantifier = '?';
  else if (max === min) quantifier = `{${min}}`;
  else quantifier = `{${min},${max ?? ''}}`;
  return `${element.variable}${quantifier}${quantifier !== '' && min !== max && !element.greedy ? '?' : ''}`;
}

function afterText(spec: MatchRecognizeSpec): string {
  const after = spec.afterMatch;
  switch (after.kind) {
    case 'past-last-row': return 'SKIP PAST LAST ROW';
    case 'to-next-row': return 'SKIP TO NEXT ROW';
    case 'to-first': return `SKIP TO FIRST ${after.variable}`;
    case 'to-last': return `SKIP TO LAST ${after.variable}`;
  }
}
