/**
 * The chaos test's job: a windowed aggregation (append-only) into a filesystem sink and an unbounded GROUP BY
 * (updating) into a SQLite sink upserting by key, both checkpointed every `intervalMs`.
 */
export interface ChaosJobPaths {
  readonly events: string;
  /** Directory of the filesystem sink. */
  readonly windows: string;
  /** SQLite database file of the SQLite sink. */
  readonly totals: string;
  /** state.dir: where the job databases live. */
  readonly state: string;
}

export function chaosJobSql(paths: ChaosJobPaths, intervalMs: number, backend: 'memory' | 'sqlite'): string {
  const q = (text: string): string => `'${text.replace(/'/g, "''")}'`;
  return `
SET 'state.backend' = '${backend}';
SET 'state.dir' = ${q(paths.state)};
SET 'execution.checkpointing.interval' = '${intervalMs} ms';

CREATE TABLE events (
  id BIGINT, user_id STRING, amount INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH ('connector' = 'filesystem', 'path' = ${q(paths.events)}, 'format' = 'json');

CREATE TABLE windows (
  user_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), clicks BIGINT, total BIGINT
) WITH ('connector' = 'filesystem', 'path' = ${q(paths.windows)}, 'format' = 'csv');

CREATE TABLE totals (
  user_id STRING, clicks BIGINT, total BIGINT, biggest INT, PRIMARY KEY (user_id) NOT ENFORCED
) WITH ('connector' = 'sqlite', 'path' = ${q(paths.totals)});

SET 'pipeline.name' = 'chaos-windows';
INSERT INTO windows
SELECT user_id, window_start, window_end, COUNT(*), SUM(CAST(amount AS BIGINT))
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;

SET 'pipeline.name' = 'chaos-totals';
INSERT INTO totals
SELECT user_id, COUNT(*), SUM(CAST(amount AS BIGINT)), MAX(amount) FROM events GROUP BY user_id;
`;
}
