-- error: UNNEST … WITH ORDINALITY is not supported (Flink 1.20 does not support it; it arrives in Flink 2.1) at 3:54
SELECT item, part, n
FROM Bid CROSS JOIN UNNEST(ARRAY[item, supplier_id]) WITH ORDINALITY AS p (part, n)
