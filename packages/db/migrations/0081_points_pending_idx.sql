-- The reviewers' list of adjustments awaiting approval reads only the pending rows, a handful among
-- millions of accruals.
CREATE INDEX points_ledger_pending_idx ON points_ledger (id) WHERE status = 'pending';
