SELECT order_id, total, CASE WHEN total > 100 THEN 'big' ELSE 'small' END AS size FROM orders WHERE quantity > 0
