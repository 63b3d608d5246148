-- The monthly points accrual writes a ledger row per customer in one INSERT … SELECT (a million rows
-- on a large operator). Per-row foreign-key checks locked every customer row and the rule set a million
-- times and took half the accrual's time (measured with the regrade benchmark), so, as for
-- regrade_items in 0010, the ledger keeps the ids without them: the accrual reads its customers from a
-- join with `customers` and its rule set in the same transaction, redemptions and adjustments find the
-- customer first, and customers and rule sets are never deleted (they are archived and retired).
ALTER TABLE points_ledger DROP CONSTRAINT points_ledger_customer_id_fkey;
ALTER TABLE points_ledger DROP CONSTRAINT points_ledger_rule_set_id_fkey;
