-- error: Regular joins are not supported yet; a window join needs L.window_start = R.window_start AND L.window_end = R.window_end at 2:21
SELECT * FROM Bid B JOIN orders O ON B.price = O.amount
