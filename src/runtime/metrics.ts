/** Counters a running job keeps; read by the job summary (and later by the Prometheus endpoint). */

export class TableMetrics {
  recordsRead = 0;
  /** Records left out of every window they belong to because those windows had already fired. */
  lateRecords = 0;
  /** Records dropped because their rowtime was beyond `'table.exec.watermark.max-future-skew'` of the wall clock. */
  futureRecords = 0;
  /** Malformed records skipped under `'<format>.ignore-parse-errors' = 'true'`. */
  malformedRecords = 0;
  /** Records whose rowtime was NULL (they cannot be placed in any window). */
  nullRowtimeRecords = 0;
  recordsWritten = 0;
  /** Lookup joins on this table: probe keys answered from the lookup cache. */
  lookupCacheHits = 0;
  /** Lookup joins on this table: probe keys not in the cache (or without a cache), so queried from the table. */
  lookupCacheMisses = 0;
  /**
   * Per split of a source that knows its input's end (Kafka: `topic/partition`), how many records it is behind it:
   * the end offset when it last fetched, less the next offset it reads (Flink's records-lag).
   */
  readonly splitLag = new Map<string, number>();
  constructor(readonly table: string) {}
}

export class OperatorMetrics {
  recordsIn = 0;
  recordsOut = 0;
  /** Latest watermark the operator has seen (−∞ before the first). */
  watermark = Number.NEGATIVE_INFINITY;
  /** Rows this operator dropped as late (left out of every window because those had fired, or expired). */
  lateRecords = 0;
  /** Rows this operator dropped as too far in the future (the watermark assigner, under max-future-skew). */
  futureRecords = 0;
  /**
   * Wall-clock ms the operator spent on its own work (messages and timers, less the time handing output downstream):
   * Flink's busy time. A source's is not measured (waiting for input and reading it are one await): always 0.
   */
  busyMs = 0;
  /** Wall-clock ms spent handing output downstream, i.e. waiting for downstream operators: Flink's backpressured time. */
  backpressuredMs = 0;
  constructor(readonly id: number, readonly name: string) {}
}

/**
 * When (wall clock, `performance.now()`) each watermark assigner's watermark advanced, to measure how long after the
 * watermark passes a window's end its result is emitted. A window fires when every source has passed it, so the time
 * a watermark value was reached is the latest over the assigners.
 */
export class WatermarkClock {
  private readonly advances = new Map<number, { watermarks: number[]; times: number[] }>();
  /** Per operator, the watermark assigners upstream of it (set by the job from its graph). */
  private upstream = new Map<number, readonly number[]>();

  setUpstream(upstream: Map<number, readonly number[]>): void {
    this.upstream = upstream;
  }

  record(assigner: number, watermark: number, wallMs: number): void {
    let series = this.advances.get(assigner);
    if (!series) this.advances.set(assigner, (series = { watermarks: [], times: [] }));
    series.watermarks.push(watermark);
    series.times.push(wallMs);
  }

  /**
   * When the watermark assigners upstream of `operatorId` (all of them if unknown) had all reached `watermark`:
   * undefined if one has not.
   */
  reachedAt(watermark: number, operatorId?: number): number | undefined {
    let latest: number | undefined;
    const assigners = operatorId === undefined ? undefined : this.upstream.get(operatorId);
    for (const [assigner, { watermarks, times }] of this.advances) {
      if (assigners !== undefined && !assigners.includes(assigner)) continue;
      let lo = 0;
      let hi = watermarks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (watermarks[mid]! >= watermark) hi = mid;
        else lo = mid + 1;
      }
      if (lo === watermarks.length) return undefined;
      latest = Math.max(latest ?? -Infinity, times[lo]!);
    }
    return latest;
  }
}

export class JobMetrics {
  readonly startedAt = Date.now();
  readonly watermarkClock = new WatermarkClock();
  /** Per fired window: ms from the watermark passing its end to its rows being emitted (event-time windows). */
  readonly emitLatencies: number[] = [];
  private readonly tableMetrics = new Map<string, TableMetrics>();
  private readonly operatorMetrics = new Map<number, OperatorMetrics>();
  private readonly sourceMetrics = new Map<number, OperatorMetrics>();

  table(name: string): TableMetrics {
    let metrics = this.tableMetrics.get(name);
    if (!metrics) this.tableMetrics.set(name, (metrics = new TableMetrics(name)));
    return metrics;
  }

  operator(id: number, name: string): OperatorMetrics {
    let metrics = this.operatorMetrics.get(id);
    if (!metrics) this.operatorMetrics.set(id, (metrics = new OperatorMetrics(id, name)));
    return metrics;
  }

  /** A source node's counters (records out, backpressured time); kept apart from the operators' (job summaries). */
  source(id: number, name: string): OperatorMetrics {
    let metrics = this.sourceMetrics.get(id);
    if (!metrics) this.sourceMetrics.set(id, (metrics = new OperatorMetrics(id, name)));
    return metrics;
  }

  /** The counters of graph node `id`, an operator's or a source's (undefined for a node without a task). */
  forNode(id: number): OperatorMetrics | undefined {
    return this.operatorMetrics.get(id) ?? this.sourceMetrics.get(id);
  }

  sources(): OperatorMetrics[] {
    return [...this.sourceMetrics.values()];
  }

  tables(): TableMetrics[] {
    return [...this.tableMetrics.values()];
  }

  operators(): OperatorMetrics[] {
    return [...this.operatorMetrics.values()];
  }
}
