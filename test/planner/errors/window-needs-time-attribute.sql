-- error: The window function requires the time column to be a time attribute (a column with a WATERMARK), but 'ts' is TIMESTAMP(3) at 2:52
SELECT * FROM TABLE(TUMBLE(TABLE plain, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
