-- error: doesn't support consuming update changes, which the query produces (a Top-N (ROW_NUMBER() without a window))
INSERT INTO window_sink SELECT bidtime, bidtime, price
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rownum FROM Bid) WHERE rownum <= 3
