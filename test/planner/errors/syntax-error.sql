-- error: Unexpected 'SELEC'; expected CREATE, DROP, INSERT, SELECT, ALTER, EXECUTE, EXPLAIN, SHOW, DESCRIBE, DESC, USE, SET or RESET at 2:1 (did you mean SELECT?)
SELEC item FROM Bid
