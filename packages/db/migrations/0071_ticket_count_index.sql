-- Ticket lists (TMF621 and /api/v1/work-orders) count every match for X-Total-Count / total. Filtered
-- by status, the count reads this index alone (an index-only scan: status → customer, joined to the
-- caller's scope) instead of fetching each matching order from the table. It serves everything the
-- one-column status index did, which it replaces.
CREATE INDEX work_orders_status_customer_idx ON work_orders (status, customer_id);
DROP INDEX work_orders_status_idx;
