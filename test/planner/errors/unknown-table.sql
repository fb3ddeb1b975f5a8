-- error: Unknown table 'Bids' at 2:15 (did you mean 'Bid'?)
SELECT * FROM Bids
