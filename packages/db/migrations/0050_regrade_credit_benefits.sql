-- Re-grade apply writes the credit profile and the grade's benefits (DOMAIN §2.1 credit profile,
-- §2.3 VIP club benefits, §4.6 "apply grade + validity dates, SMS customer, update benefits & credit").

-- The credit profile's evaluation date (score, limit and rule set are columns of 0003 and 0010).
ALTER TABLE customers ADD COLUMN credit_evaluated_on date;

-- What each grade entitles a key account to: data, so an operator edits it without a release.
CREATE TABLE grade_benefits (
  grade         text NOT NULL CHECK (grade IN ('diamond', 'gold', 'silver', 'guest')),
  benefit       text NOT NULL CHECK (benefit IN ('account_manager', 'vip_counter', 'vip_hotline', 'vip_club',
                  'free_sim_replacement', 'delayed_suspension', 'airport_lounge')),
  -- Uses per grade year (1 Feb – 31 Jan); NULL is unlimited.
  yearly_quota  integer CHECK (yearly_quota > 0),
  PRIMARY KEY (grade, benefit)
);

-- A customer's benefits over time: a row per grant, closed (never deleted) when the grade no longer
-- carries it, so the rows are the history. At most one open grant per customer and benefit.
CREATE TABLE customer_benefits (
  id              bigserial PRIMARY KEY,
  customer_id     bigint NOT NULL REFERENCES customers (id),
  benefit         text NOT NULL,
  yearly_quota    integer,
  grade           text NOT NULL,
  granted_at      timestamptz NOT NULL DEFAULT now(),
  granted_run_id  bigint REFERENCES regrade_runs (id),
  revoked_at      timestamptz,
  revoked_run_id  bigint REFERENCES regrade_runs (id)
);
CREATE UNIQUE INDEX customer_benefits_open_idx ON customer_benefits (customer_id, benefit) WHERE revoked_at IS NULL;
CREATE INDEX customer_benefits_customer_idx ON customer_benefits (customer_id, granted_at DESC);

-- Samples, not law (packages/domain DEFAULT_GRADE_BENEFITS; a test checks they agree).
INSERT INTO grade_benefits (grade, benefit, yearly_quota)
SELECT g.grade, b.benefit, CASE WHEN b.benefit = 'airport_lounge' THEN g.lounge END
FROM (VALUES ('diamond', 8), ('gold', 4), ('silver', NULL)) AS g (grade, lounge)
CROSS JOIN (VALUES ('account_manager'), ('vip_counter'), ('vip_hotline'), ('vip_club'), ('free_sim_replacement'),
  ('delayed_suspension'), ('airport_lounge')) AS b (benefit)
WHERE b.benefit <> 'airport_lounge' OR g.lounge IS NOT NULL
UNION ALL VALUES ('guest', 'account_manager', NULL::integer), ('guest', 'vip_hotline', NULL::integer);
