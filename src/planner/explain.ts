/** EXPLAIN: the physical dataflow graph as an indented tree, sink first (in the style of Flink's plans). */
import { formatDuration } from '../common/time.js';
import { formatType, type DataType } from '../common/types.js';
import { correlateArguments, type CorrelateSpec } from '../dataflow/correlate.js';
import { formatExpr } from '../dataflow/display.js';
import type { DataflowGraph, GraphNode, ReadMask, IntervalJoinSpec, LookupCacheSpec, LookupJoinSpec, OverAggregateSpec, RegularJoinSpec, SortKey, WindowJoinSpec, WindowSpec } from '../dataflow/graph.js';
import { changesByPosition } from '../runtime/operators/rank-changes.js';
import { describeMatch } from './explain-match.js';

export function explainGraph(graph: DataflowGraph, rulesApplied: readonly string[]): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const consumers = new Map<number, number>();
  for (const node of graph.nodes) for (const edge of node.inputs) consumers.set(edge.from, (consumers.get(edge.from) ?? 0) + 1);
  const roots = graph.nodes.filter((n) => !consumers.has(n.id));
  // A node read by several operators (a statement set's shared scan) is printed once, as in Flink's plans:
  // `…(reuse_id=[1])` where it first appears, `Reused(reference_id=[1])` wherever else it is read.
  const reuseIds = new Map<number, number>();
  for (const node of graph.nodes) if ((consumers.get(node.id) ?? 0) > 1) reuseIds.set(node.id, reuseIds.size + 1);
  const printed = new Set<number>();
  const lines: string[] = ['== Physical Plan =='];
  const visit = (node: GraphNode, prefix: string, childPrefix: string): void => {
    const reuseId = reuseIds.get(node.id);
    if (reuseId !== undefined && printed.has(node.id)) {
      lines.push(`${prefix}Reused(reference_id=[${reuseId}])`);
      return;
    }
    printed.add(node.id);
    lines.push(prefix + describe(node, byId) + (reuseId === undefined ? '' : `(reuse_id=[${reuseId}])`));
    for (const edge of node.inputs) {
      const input = byId.get(edge.from)!;
      if (edge.partitioning.kind === 'hash') {
        const names = edge.partitioning.keys.map((k) => input.schema.fields[k]!.name);
        lines.push(`${childPrefix}+- Exchange(distribution=[${names.length === 0 ? 'single' : `hash[${names.join(', ')}]`}])`);
        visit(input, `${childPrefix}   +- `, `${childPrefix}      `);
      } else {
        visit(input, `${childPrefix}+- `, `${childPrefix}   `);
      }
    }
  };
  roots.forEach((root, i) => {
    if (i > 0) lines.push('');
    visit(root, '', '');
  });
  lines.push('', '== Output ==');
  for (const root of roots) {
    const fields = root.schema.fields.map((f) => `${f.name} ${formatType(f.type)}`).join(', ');
    lines.push(`${root.changelog === 'updates' ? 'changelog (+I, -U, +U, -D)' : 'append-only (+I)'}: ${fields}`);
  }
  lines.push('', '== Rewrite rules applied ==', rulesApplied.length > 0 ? rulesApplied.join(', ') : '(none)');
  return lines.join('\n');
}

/** One operator's line of the plan, e.g. `Calc(select=[a, b], where=[…])`. */
export function describe(node: GraphNode, byId: ReadonlyMap<number, GraphNode>): string {
  const spec = node.spec;
  const inputNames = (): string[] => {
    const first = node.inputs[0];
    return first ? byId.get(first.from)!.schema.fields.map((f) => f.name) : [];
  };
  const outputNames = node.schema.fields.map((f) => f.name);
  switch (spec.kind) {
    case 'source': {
      if (spec.connector.values) {
        const tuples = spec.connector.values.map((row) => `{ ${row.map((literal) => formatExpr(literal, [])).join(', ')} }`);
        return `Values(tuples=[[${tuples.join(', ')}]], fields=[${outputNames.join(', ')}])`;
      }
      const options = Object.entries(spec.connector.options)
        .filter(([k]) => k !== 'connector')
        .map(([k, v]) => `${k}=[${v}]`);
      const read = spec.connector.readMask ? `, read=[${readPaths(node.schema.fields, spec.connector.readMask).join(', ')}]` : '';
      return `TableSourceScan(table=[${spec.connector.table}], connector=[${spec.connector.connector}], fields=[${outputNames.join(', ')}]${read}${options.length ? ', ' + options.join(', ') : ''})`;
    }
    case 'calc': {
      const names = inputNames();
      const select = spec.projections.map((p, i) => {
        const text = formatExpr(p, names);
        return text === outputNames[i] ? text : `${text} AS ${outputNames[i]}`;
      });
      const where = spec.filter ? `, where=[${formatExpr(spec.filter, names)}]` : '';
      return `Calc(select=[${select.join(', ')}]${where})`;
    }
    case 'correlate':
      return describeCorrelate(spec, inputNames(), node);
    case 'watermark-assigner':
      return `WatermarkAssigner(rowtime=[${outputNames[spec.rowtimeIndex]}], watermark=[${spec.display}], strategy=[max seen so far, advanced record by record]${spec.maxFutureSkew === undefined ? '' : `, maxFutureSkew=[${formatDuration(spec.maxFutureSkew)} ahead of the wall clock: dropped, counted for ${spec.table}]`})`;
    case 'window-tvf':
      if (spec.window.timeMode === 'processing') return `WindowTableFunction(window=[${windowText(spec.window, inputNames()[spec.timeIndex]!, inputNames())}])`;
      return `WindowTableFunction(window=[${windowText(spec.window, inputNames()[spec.timeIndex]!, inputNames())}]${latenessText(spec.allowedLateness)}, late=[dropped, counted for ${spec.lateTable}])`;
    case 'window-aggregate': {
      const names = inputNames();
      const keys = spec.keys.map((k) => names[k]!);
      const aggs = spec.aggregates.map((a, j) => `${a.display} AS ${outputNames[keys.length + 3 + j]}`);
      const emit = spec.earlyFireDelay === undefined
        ? 'once per window when watermark >= window_end - 1 ms'
        : `early every ${formatDuration(spec.earlyFireDelay)} of watermark progress, final when watermark >= window_end - 1 ms`;
      const window = spec.attached
        ? windowText(spec.window, '', names).replace('time_col=[]', `win_start=[${names[spec.attached.startIndex]!}], win_end=[${names[spec.attached.endIndex]!}]`)
        : windowText(spec.window, names[spec.timeIndex]!, names);
      if (spec.window.timeMode === 'processing') {
        return `WindowAggregate(groupBy=[${keys.join(', ')}], window=[${window}], select=[${[...keys, 'window_start', 'window_end', 'window_time', ...aggs].join(', ')}], emit=[once per window when the wall clock passes window_end - 1 ms])`;
      }
      return `WindowAggregate(groupBy=[${keys.join(', ')}], window=[${window}], select=[${[...keys, 'window_start', 'window_end', 'window_time', ...aggs].join(', ')}], emit=[${emit}]${latenessText(spec.allowedLateness)}, late=[dropped, counted for ${spec.lateTable}])`;
    }
    case 'changelog-normalize': {
      const names = inputNames();
      const ttl = spec.stateTtl === undefined ? '' : `, stateTtl=[${formatDuration(spec.stateTtl)}]`;
      return `ChangelogNormalize(key=[${spec.keys.map((k) => names[k]!).join(', ')}], changelog=[upserts and deletes by key in, +I/-U/+U/-D out]${ttl})`;
    }
    case 'group-aggregate': {
      const names = inputNames();
      const keys = spec.keys.map((k) => names[k]!);
      const aggs = spec.aggregates.map((a, j) => `${a.display} AS ${outputNames[keys.length + j]}`);
      const ttl = spec.stateTtl === undefined ? '' : `, stateTtl=[${formatDuration(spec.stateTtl)}]`;
      return `GroupAggregate(groupBy=[${keys.join(', ')}], select=[${[...keys, ...aggs].join(', ')}], changelog=[${groupChangelog(spec.aggregates.length > 0, spec.inputUpdates)}]${ttl})`;
    }
    case 'window-rank': {
      const names = inputNames();
      const partitionBy = [names[spec.windowStartIndex]!, names[spec.windowEndIndex]!, ...spec.partitionKeys.map((k) => names[k]!)].join(', ');
      const orderBy = [orderByText(spec.orderBy, names)];
      const tail = `select=[${outputNames.join(', ')}], emit=[once per window when watermark >= window_end - 1 ms], late=[dropped, counted for ${spec.lateTable}])`;
      if (spec.deduplicate) {
        return `WindowDeduplicate(keep=[${spec.deduplicate === 'first-row' ? 'FirstRow' : 'LastRow'}], partitionBy=[${partitionBy}], orderKey=[${names[spec.orderBy[0]!.index]!}], ${tail}`;
      }
      return `WindowRank(rankType=[${spec.rankFunction}], rankRange=[rankStart=1, rankEnd=${spec.limit}], partitionBy=[${partitionBy}], orderBy=[${orderBy.join(', ')}], ${tail}`;
    }
    case 'rank': {
      const names = inputNames();
      const ttl = spec.stateTtl === undefined ? '' : `, stateTtl=[${formatDuration(spec.stateTtl)}]`;
      const strategy = spec.inputUpdates ? 'RetractStrategy' : 'AppendFastStrategy';
      if (spec.orderBy.length === 0) {
        // LIMIT alone (planner/query/limit.ts): the first rows in arrival order.
        return `Limit(offset=[${spec.rankStart - 1}], fetch=[${spec.rankEnd - spec.rankStart + 1}], strategy=[${strategy}], select=[${outputNames.join(', ')}], changelog=[${node.changelog === 'updates' ? '+I, -D' : '+I'}]${ttl})`;
      }
      const changes = spec.outputRank ? '+I, -U, +U, -D' : changesByPosition(spec) ? '+I, -U, +U' : '+I, -D';
      return `Rank(strategy=[${strategy}], rankType=[${spec.rankFunction}], rankRange=[rankStart=${spec.rankStart}, rankEnd=${spec.rankEnd}], partitionBy=[${spec.partitionKeys.map((k) => names[k]!).join(', ')}], orderBy=[${orderByText(spec.orderBy, names)}], select=[${outputNames.join(', ')}], changelog=[${changes}]${ttl})`;
    }
    case 'deduplicate': {
      const names = inputNames();
      const ttl = spec.stateTtl === undefined ? '' : `, stateTtl=[${formatDuration(spec.stateTtl)}]`;
      const changes = node.changelog === 'updates' ? '+I, -U, +U' : '+I';
      return `Deduplicate(keep=[${spec.keep === 'first-row' ? 'FirstRow' : 'LastRow'}], key=[${spec.keys.map((k) => names[k]!).join(', ')}], order=[${spec.order === 'rowtime' ? 'ROWTIME' : 'PROCTIME'}], changelog=[${changes}]${ttl})`;
    }
    case 'over-aggregate':
      return describeOverAggregate(spec, inputNames(), outputNames);
    case 'temporal-sort': {
      const names = inputNames();
      const keys = [`${names[spec.timeIndex]!} ASC`, ...(spec.orderBy.length > 0 ? [orderByText(spec.orderBy, names)] : [])];
      if (spec.timeMode === 'processing') return `TemporalSort(orderBy=[${keys.join(', ')}], emit=[rows arriving together, as they arrive])`;
      return `TemporalSort(orderBy=[${keys.join(', ')}], emit=[rows of a time when watermark >= it], late=[dropped, counted for ${spec.lateTable}])`;
    }
    case 'match-recognize':
      return describeMatch(spec, inputNames(), outputNames, orderByText);
    case 'window-join':
      return describeWindowJoin(spec, outputNames, byId.get(node.inputs[0]!.from)!.schema.fields.length);
    case 'join':
    case 'interval-join': {
      const [left, right] = node.inputs.map((edge) => byId.get(edge.from)!.schema.fields.map((f) => f.name));
      // A semi / anti join outputs only the left columns; its condition names both sides' columns.
      const semi = spec.kind === 'join' && (spec.joinType === 'semi' || spec.joinType === 'anti');
      return describeJoin(spec, node, outputNames, left!.length, semi ? [...left!, ...right!] : outputNames);
    }
    case 'temporal-join': {
      const leftWidth = byId.get(node.inputs[0]!.from)!.schema.fields.length;
      const conditions = spec.leftKeys.map((l, i) => `${outputNames[l]!} = ${outputNames[leftWidth + spec.rightKeys[i]!]!}`);
      if (spec.residual) conditions.push(formatExpr(spec.residual, outputNames));
      const times = `leftTime=[${outputNames[spec.leftTimeIndex]!}], rightTime=[${outputNames[leftWidth + spec.rightTimeIndex]!}]`;
      return `TemporalJoin(joinType=[${JOIN_TYPE_NAMES[spec.joinType]}], isRowTime=[true], ${times}, where=[${conditions.join(' AND ')}], select=[${outputNames.join(', ')}], late=[dropped, counted for ${spec.lateTable}])`;
    }
    case 'lookup-join':
      return describeLookupJoin(spec, inputNames(), outputNames);
    case 'union':
      return 'Union(all=[true])';
    case 'sink':
      return `Sink(table=[${spec.connector.table}], connector=[${spec.connector.connector}], fields=[${outputNames.join(', ')}])`;
    case 'collect':
      return `Collect(fields=[${outputNames.join(', ')}])`;
  }
}

/**
 * `Correlate(invocation=[UNNEST(tags)], correlate=[table(UNNEST(tags))], select=[id, tags, tag],
 * rowType=[RecordType(BIGINT id, ARRAY<STRING> tags, STRING tag)], joinType=[INNER])`, after Flink's plan.
 */
function describeCorrelate(spec: CorrelateSpec, names: readonly string[], node: GraphNode): string {
  const fn = spec.function;
  const args = correlateArguments(fn).map((a) => formatExpr(a, names)).join(', ');
  const invocation = `${fn.kind === 'unnest' ? 'UNNEST' : fn.kind === 'replicate' ? '$REPLICATE_ROWS$' : fn.name.toUpperCase()}(${args})`;
  const rowType = node.schema.fields.map((f) => `${formatType(f.type)} ${f.name}`).join(', ');
  const select = node.schema.fields.map((f) => f.name).join(', ');
  return `Correlate(invocation=[${invocation}], correlate=[table(${invocation})], select=[${select}], rowType=[RecordType(${rowType})], joinType=[${spec.joinType.toUpperCase()}])`;
}

/**
 * `OverAggregate(partitionBy=[k], orderBy=[ts ASC], window=[RANGE BETWEEN 3600000 PRECEDING AND CURRENT ROW],
 * select=[…, SUM(x) AS w0$o0], …)`, after Flink's plan, with the interval as a duration.
 */
function describeOverAggregate(spec: OverAggregateSpec, names: readonly string[], outputNames: readonly string[]): string {
  const { units, preceding } = spec.frame;
  const start = preceding === null ? 'UNBOUNDED PRECEDING' : preceding === 0 ? 'CURRENT ROW' : `${units === 'RANGE' ? formatDuration(preceding) : preceding} PRECEDING`;
  const aggs = spec.aggregates.map((a, j) => `${a.display} AS ${outputNames[names.length + j]!}`);
  const emit = spec.timeMode === 'processing' ? 'emit=[each row once, on arrival (processing time)]' : `emit=[each row once, when watermark >= its time], late=[dropped, counted for ${spec.lateTable}]`;
  return `OverAggregate(partitionBy=[${spec.partitionKeys.map((k) => names[k]!).join(', ')}], orderBy=[${names[spec.timeIndex]!} ASC], window=[${units} BETWEEN ${start} AND CURRENT ROW], select=[${[...names, ...aggs].join(', ')}], ${emit})`;
}

/**
 * `LookupJoin(table=[customers], joinType=[InnerJoin], lookup=[id=customer_id], where=[…], select=[…],
 * cache=[…])`, after Flink's plan; `lookup` pairs each lookup table column with its probe-side expression.
 */
function describeLookupJoin(spec: LookupJoinSpec, inputNames: readonly string[], outputNames: readonly string[]): string {
  const lookupNames = spec.connector.schema.fields.map((f) => f.name);
  const lookup = spec.keys.map((k) => `${lookupNames[k.column]!}=${formatExpr(k.probe, inputNames)}`);
  const where = spec.residual ? `, where=[${formatExpr(spec.residual, outputNames)}]` : '';
  return `LookupJoin(table=[${spec.connector.table}], joinType=[${JOIN_TYPE_NAMES[spec.joinType]}], lookup=[${lookup.join(', ')}]${where}, select=[${outputNames.join(', ')}], cache=[${lookupCacheText(spec.cache)}])`;
}

/** `NONE`, or `PARTIAL(max-rows=1000, expire-after-write=1 min, cache-missing-key=true)`. */
function lookupCacheText(cache: LookupCacheSpec): string {
  if (cache.kind === 'none') return 'NONE';
  const parts = [
    ...(cache.maxRows === undefined ? [] : [`max-rows=${cache.maxRows}`]),
    ...(cache.expireAfterWrite === undefined ? [] : [`expire-after-write=${formatDuration(cache.expireAfterWrite)}`]),
    ...(cache.expireAfterAccess === undefined ? [] : [`expire-after-access=${formatDuration(cache.expireAfterAccess)}`]),
    `cache-missing-key=${cache.cacheMissingKey}`,
  ];
  return `PARTIAL(${parts.join(', ')})`;
}

/** `price DESC, bidtime ASC`, with NULLS FIRST/LAST where it is not the direction's default. */
function orderByText(orderBy: readonly SortKey[], names: readonly string[]): string {
  return orderBy.map((k) => `${names[k.index]!} ${k.descending ? 'DESC' : 'ASC'}${k.nullsFirst === k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`).join(', ');
}

/** A GroupAggregate without aggregates (SELECT DISTINCT) emits a row once, retracting it only when its input does. */
function groupChangelog(hasAggregates: boolean, inputUpdates: boolean): string {
  if (!hasAggregates) return inputUpdates ? '+I, -D' : '+I';
  return `+I, -U, +U${inputUpdates ? ', -D' : ''}`;
}

const JOIN_TYPE_NAMES: Record<RegularJoinSpec['joinType'], string> = {
  inner: 'InnerJoin', left: 'LeftOuterJoin', right: 'RightOuterJoin', full: 'FullOuterJoin', semi: 'LeftSemiJoin', anti: 'LeftAntiJoin',
};

/** `WindowJoin(joinType=[…], window=[…], where=[keys and window bounds equal], residual=[…], select=[…], …)`. */
function describeWindowJoin(spec: WindowJoinSpec, outputNames: readonly string[], leftWidth: number): string {
  const equal = (l: number, r: number): string => `${outputNames[l]!} = ${outputNames[leftWidth + r]!}`;
  const conditions = [
    ...spec.left.keys.map((l, i) => equal(l, spec.right.keys[i]!)),
    equal(spec.left.windowStartIndex, spec.right.windowStartIndex),
    equal(spec.left.windowEndIndex, spec.right.windowEndIndex),
  ];
  const residual = spec.residual ? `, residual=[${formatExpr(spec.residual, outputNames)}]` : '';
  const late = spec.left.lateTable === spec.right.lateTable ? spec.left.lateTable : `${spec.left.lateTable}, ${spec.right.lateTable}`;
  return `WindowJoin(joinType=[${JOIN_TYPE_NAMES[spec.joinType]}], window=[${windowText(spec.window, '', outputNames).replace('time_col=[], ', '')}], where=[${conditions.join(' AND ')}]${residual}, select=[${outputNames.join(', ')}], emit=[once per window when watermark >= window_end - 1 ms], late=[dropped, counted for ${late}])`;
}

/**
 * `Join(joinType=[…], where=[…], select=[…], changelog=[…])` (regular) or `IntervalJoin(joinType=[…],
 * windowBounds=[…], where=[…], select=[…], late=[…])`, after Flink's plans.
 */
function describeJoin(spec: RegularJoinSpec | IntervalJoinSpec, node: GraphNode, outputNames: readonly string[], leftWidth: number, conditionNames: readonly string[]): string {
  const [leftKeys, rightKeys] = spec.kind === 'join' ? [spec.leftKeys, spec.rightKeys] : [spec.left.keys, spec.right.keys];
  const equals = spec.kind === 'join' && spec.nullSafeKeys ? 'IS NOT DISTINCT FROM' : '=';
  const conditions = leftKeys.map((l, i) => `${conditionNames[l]!} ${equals} ${conditionNames[leftWidth + rightKeys[i]!]!}`);
  if (spec.residual) conditions.push(formatExpr(spec.residual, conditionNames));
  const where = conditions.length > 0 ? conditions.join(' AND ') : 'true';
  const select = `select=[${outputNames.join(', ')}]`;
  if (spec.kind === 'join') {
    const ttl = spec.stateTtl === undefined ? '' : `, stateTtl=[${formatDuration(spec.stateTtl)}]`;
    return `Join(joinType=[${JOIN_TYPE_NAMES[spec.joinType]}], where=[${where}], ${select}, changelog=[${node.changelog === 'updates' ? '+I, -D' : '+I'}]${ttl})`;
  }
  const leftTime = outputNames[spec.left.timeIndex]!;
  const rightTime = outputNames[leftWidth + spec.right.timeIndex]!;
  const bounds = `${leftTime} - ${rightTime} in [${signedDuration(spec.lowerBound)}, ${signedDuration(spec.upperBound)}]`;
  const late = spec.left.lateTable === spec.right.lateTable ? spec.left.lateTable : `${spec.left.lateTable}, ${spec.right.lateTable}`;
  if (spec.timeMode === 'processing') return `IntervalJoin(joinType=[${JOIN_TYPE_NAMES[spec.joinType]}], windowBounds=[isRowTime=false, ${bounds}], where=[${where}], ${select})`;
  return `IntervalJoin(joinType=[${JOIN_TYPE_NAMES[spec.joinType]}], windowBounds=[isRowTime=true, ${bounds}], where=[${where}], ${select}, late=[dropped, counted for ${late}])`;
}

function signedDuration(millis: number): string {
  return millis === 0 ? '0' : millis < 0 ? `-${formatDuration(-millis)}` : formatDuration(millis);
}

/** `, allowedLateness=[1 min]` when fired windows keep their state for late rows; nothing otherwise. */
function latenessText(lateness: number | undefined): string {
  return lateness === undefined || lateness <= 0 ? '' : `, allowedLateness=[${formatDuration(lateness)}]`;
}

function windowText(window: WindowSpec, timeColumn: string, inputNames: readonly string[]): string {
  const offset = 'offset' in window && window.offset !== 0 ? `, offset=[${formatDuration(window.offset)}]` : '';
  switch (window.kind) {
    case 'tumble':
      return `TUMBLE(time_col=[${timeColumn}], size=[${formatDuration(window.size)}]${offset})`;
    case 'hop':
      return `HOP(time_col=[${timeColumn}], slide=[${formatDuration(window.slide)}], size=[${formatDuration(window.size)}]${offset})`;
    case 'cumulate':
      return `CUMULATE(time_col=[${timeColumn}], step=[${formatDuration(window.step)}], max_size=[${formatDuration(window.maxSize)}]${offset})`;
    case 'session':
      return `SESSION(time_col=[${timeColumn}], gap=[${formatDuration(window.gap)}]${window.partitionKeys.length > 0 ? `, partition_keys=[${window.partitionKeys.map((k) => inputNames[k] ?? String(k)).join(', ')}]` : ''})`;
  }
}

/** The columns and ROW fields a source reads (`bid.price`), from its read mask (projection push-down). */
function readPaths(fields: readonly { readonly name: string; readonly type: DataType }[], mask: ReadMask, prefix = ''): string[] {
  return fields.flatMap((field, i) => {
    const read = mask[i] ?? true;
    if (read === false) return [];
    if (read === true || field.type.kind !== 'ROW') return [prefix + field.name];
    return readPaths(field.type.fields, read, `${prefix}${field.name}.`);
  });
}
