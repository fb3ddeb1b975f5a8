-- error: ROW_NUMBER() OVER (…) without window_start and window_end in PARTITION BY would be a regular (non-window) Top-N, which is not supported yet at 2:58
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rownum FROM Bid) WHERE rownum <= 3
