-- A checkpointed job: clicks per user per minute from a datagen stream into CSV files, exactly once.
-- Run it from the repository root, stop it any way you like (Ctrl-C, kill -9), run it again: it resumes from its last
-- checkpoint, and out/clicks-per-minute/ holds each window result once.
--   sluice run examples/checkpoints/clicks-per-minute.sql
--   sluice savepoint clicks-per-minute            (from another terminal: a savepoint of the running job)
--   sluice run examples/checkpoints/clicks-per-minute.sql --from-savepoint <path> --dry-run
-- docs/checkpoints.md explains what is stored and what each sink guarantees.
SET 'pipeline.name' = 'clicks-per-minute';
SET 'execution.checkpointing.interval' = '2 s';
SET 'state.backend' = 'sqlite';

CREATE TABLE clicks (
  click_id BIGINT,
  user_id STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '500',
  'number-of-rows' = '60000',
  'fields.click_id.kind' = 'sequence',
  'fields.click_id.start' = '1',
  'fields.click_id.end' = '60000',
  'fields.user_id.length' = '1',
  'fields.ts.max-past' = '5 s'
);

CREATE TABLE per_minute (
  user_id STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  clicks BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'out/clicks-per-minute',
  'format' = 'csv'
);

INSERT INTO per_minute
SELECT user_id, window_start, window_end, COUNT(*)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end;
