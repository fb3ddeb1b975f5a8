-- TIMESTAMP_LTZ compared with TIMESTAMP, timestamp text and the clock in the session zone Asia/Kolkata: the TIMESTAMP
-- side is the instant of its Kolkata wall clock; NOW() is a TIMESTAMP_LTZ(3), LOCALTIMESTAMP and CURRENT_DATE the
-- Kolkata wall clock and date.
SET 'table.local-time-zone' = 'Asia/Kolkata';

CREATE TABLE t (
  id INT,
  t TIMESTAMP_LTZ(3),
  e BIGINT,
  w TIMESTAMP(3)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  t_before_w BOOLEAN,
  w_after_t BOOLEAN,
  t_before_text BOOLEAN,
  epoch_equals BOOLEAN,
  now_later BOOLEAN,
  local_later BOOLEAN,
  date_later BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, t < w, w > t, t < '2024-06-01 06:00:00', TO_TIMESTAMP_LTZ(e, 0) = TIMESTAMP '2024-06-01 05:30:00',
  NOW() > t, LOCALTIMESTAMP > w, CURRENT_DATE > DATE '2024-01-01'
FROM t;
