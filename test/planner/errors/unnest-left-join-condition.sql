-- error: A LEFT JOIN with UNNEST takes only ON TRUE as its condition (as in Flink); filter the joined rows in WHERE at 3:55
SELECT item, part
FROM Bid LEFT JOIN UNNEST(ARRAY[item]) AS p (part) ON part = 'x'
