-- Top customers by revenue over the last 90 days,
-- with their share of the total and their latest order.
WITH recent_orders AS (
    SELECT
        o.customer_id,
        o.order_id,
        o.ordered_at,
        SUM(li.quantity * li.unit_price) AS order_total
    FROM orders AS o
    JOIN line_items AS li ON li.order_id = o.order_id
    WHERE o.ordered_at >= CURRENT_DATE - INTERVAL '90 days'
      AND o.status NOT IN ('cancelled', 'refunded')
    GROUP BY o.customer_id, o.order_id, o.ordered_at
),
customer_totals AS (
    SELECT
        customer_id,
        COUNT(*) AS orders,
        SUM(order_total) AS revenue,
        MAX(ordered_at) AS last_ordered_at
    FROM recent_orders
    GROUP BY customer_id
    HAVING SUM(order_total) > 1000.00
)
SELECT
    c.customer_id,
    c.display_name,
    ct.orders,
    ROUND(ct.revenue, 2) AS revenue,
    ROUND(100.0 * ct.revenue / SUM(ct.revenue) OVER (), 1) AS pct_of_total,
    ct.last_ordered_at,
    CASE
        WHEN ct.revenue >= 50000 THEN 'gold'
        WHEN ct.revenue >= 10000 THEN 'silver'
        ELSE 'bronze'
    END AS tier
FROM customer_totals AS ct
JOIN customers AS c USING (customer_id)
ORDER BY ct.revenue DESC, c.display_name
LIMIT 25;
