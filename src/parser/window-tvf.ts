/**
 * Assembles a window table-valued function call from its written arguments: the table argument (`TABLE t` or a
 * subquery, positional first or named DATA) becomes `input`, the time attribute (`DESCRIPTOR(ts)`, positional
 * second or named TIMECOL) becomes `descriptor`, and everything else stays in `args` in written order.
 */
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type { ColumnRef, Expression, Identifier, SubqueryRef, TableRef, TvfArgument, WindowTvf } from './ast.js';

/** `TABLE t [PARTITION BY …]` as written inside the call. */
export interface TableArgument {
  readonly kind: 'table-argument';
  readonly input: TableRef;
  readonly partitionBy: readonly ColumnRef[];
}

export type TvfValue = TableArgument | SubqueryRef | Expression;

export interface WrittenTvfArgument {
  readonly name: Identifier | null;
  readonly value: TvfValue;
}

function isTableValue(value: TvfValue): value is TableArgument | SubqueryRef {
  return value.kind === 'table-argument' || value.kind === 'subquery';
}

function argumentPosition(arg: WrittenTvfArgument): SourcePosition {
  return arg.name?.position ?? valuePosition(arg.value);
}

function valuePosition(value: TvfValue): SourcePosition {
  return value.kind === 'table-argument' ? value.input.position : value.position;
}

function argumentName(arg: WrittenTvfArgument): string | null {
  return arg.name === null ? null : arg.name.name.toUpperCase();
}

export function buildWindowTvf(fnName: Identifier, args: readonly WrittenTvfArgument[], open: SourcePosition): WindowTvf {
  const fn = fnName.name.toUpperCase();
  const remaining = [...args];

  const dataIndex = findDataArgument(remaining);
  const data = dataIndex === -1 ? undefined : remaining.splice(dataIndex, 1)[0];
  if (data === undefined || !isTableValue(data.value)) {
    const where = data === undefined ? (args[0] === undefined ? open : argumentPosition(args[0])) : argumentPosition(data);
    throw new SqlSyntaxError(`Expected TABLE <name> or a subquery as the first argument of ${fn}`, { position: where });
  }
  let timeIndex = remaining.findIndex((arg) => argumentName(arg) === 'TIMECOL');
  if (timeIndex === -1 && remaining[0] !== undefined && remaining[0].name === null) timeIndex = 0;
  const time = timeIndex === -1 ? undefined : remaining.splice(timeIndex, 1)[0];
  if (time === undefined) {
    throw new SqlSyntaxError(`Expected DESCRIPTOR(<time column>) as the second argument of ${fn}`, {
      position: remaining[0] === undefined ? open : argumentPosition(remaining[0]),
    });
  }

  const input = data.value.kind === 'table-argument' ? data.value.input : data.value;
  const partitionBy = data.value.kind === 'table-argument' ? data.value.partitionBy : [];
  return {
    kind: 'window-tvf',
    fn,
    fnPosition: fnName.position,
    input,
    partitionBy,
    descriptor: descriptorColumn(time, fn),
    args: remaining.map((arg): TvfArgument => ({
      name: argumentName(arg),
      value: expressionValue(arg, fn),
      position: argumentPosition(arg),
    })),
    alias: null,
    position: fnName.position,
  };
}

function expressionValue(arg: WrittenTvfArgument, fn: string): Expression {
  const value = arg.value;
  if (isTableValue(value)) {
    throw new SqlSyntaxError(`${fn} takes only one table argument`, { position: argumentPosition(arg) });
  }
  return value;
}

function findDataArgument(args: readonly WrittenTvfArgument[]): number {
  const named = args.findIndex((arg) => argumentName(arg) === 'DATA');
  if (named !== -1) return named;
  return args[0] !== undefined && args[0].name === null ? 0 : -1;
}

function descriptorColumn(arg: WrittenTvfArgument, fn: string): ColumnRef {
  const value = arg.value;
  if (
    value.kind === 'call' &&
    value.name.name.toUpperCase() === 'DESCRIPTOR' &&
    value.args.length === 1 &&
    value.args[0]?.kind === 'column'
  ) {
    return value.args[0];
  }
  throw new SqlSyntaxError(`Expected DESCRIPTOR(<time column>) as the time attribute argument of ${fn}`, {
    position: argumentPosition(arg),
  });
}
