-- Customer archive, second step: indexes for the customer list's arrears column, filter and sort.

-- Arrears are the unpaid bills: a few per cent of all bills. Indexing only those keeps the list's
-- per-customer arrears lookup (and "has arrears" filter) a probe into a small index instead of a walk
-- over every customer's 24 or more monthly bills.
CREATE INDEX bills_unpaid_idx ON bills (customer_id, month) INCLUDE (amount_fen, paid_fen) WHERE paid_fen < amount_fen;

-- Name order is pinyin order (拼音序); the list sorts and pages on it.
CREATE INDEX customers_name_pinyin_sort_idx ON customers (name_pinyin, name, customer_no);
