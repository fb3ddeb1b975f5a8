-- error: Unexpected 'SELEC'; expected CREATE, DROP, INSERT, SELECT, EXPLAIN, SHOW, DESCRIBE, DESC, SET or RESET at 2:1 (did you mean SELECT?)
SELEC item FROM Bid
