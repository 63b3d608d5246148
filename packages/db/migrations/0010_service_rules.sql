-- Service rules (docs/rules.md, DOMAIN §3.1–§3.6, §4.6): versioned rule sets per kind and owning org,
-- re-grading runs with their proposals and district review, the SMS outbox, reassignment tasks after a
-- re-grade, the points ledger and potential key accounts.

-- Facts the rules read that the archive did not carry yet.
ALTER TABLE customers
  ADD COLUMN group_role text CHECK (group_role IN ('key_person', 'important_member')),
  ADD COLUMN contract_until date;
ALTER TABLE bills ADD COLUMN gifted_fen bigint NOT NULL DEFAULT 0 CHECK (gifted_fen >= 0);

-- One version of one kind of rule, owned by an org unit (HQ publishes, a province tightens, a city
-- adds local parameters). A customer is governed by the active set of the nearest owning org above it.
CREATE TABLE rule_sets (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('grading', 'star', 'credit', 'points', 'potential')),
  org_unit_id     bigint NOT NULL REFERENCES org_units (id),
  version         integer NOT NULL CHECK (version > 0),
  name            text NOT NULL,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
  effective_from  date NOT NULL,
  body            jsonb NOT NULL,
  author          text NOT NULL,
  reason          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  activated_at    timestamptz,
  activated_by    text,
  UNIQUE (kind, org_unit_id, version)
);
CREATE UNIQUE INDEX rule_sets_one_active_idx ON rule_sets (kind, org_unit_id) WHERE status = 'active';

-- Which rule set produced the stored grade, star and credit figures.
ALTER TABLE customers
  ADD COLUMN grade_rule_set_id bigint REFERENCES rule_sets (id),
  ADD COLUMN star_rule_set_id bigint REFERENCES rule_sets (id),
  ADD COLUMN credit_rule_set_id bigint REFERENCES rule_sets (id);

-- A re-grade of one month: full (yearly, or the CLI) or newly eligible only (monthly before the 10th).
CREATE TABLE regrade_runs (
  id           bigserial PRIMARY KEY,
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  scope        text NOT NULL CHECK (scope IN ('full', 'newly_eligible')),
  status       text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'applied', 'discarded')),
  up           integer NOT NULL DEFAULT 0,
  down         integer NOT NULL DEFAULT 0,
  new          integer NOT NULL DEFAULT 0,
  removed      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  applied_by   text,
  applied_at   timestamptz
);
CREATE INDEX regrade_runs_month_idx ON regrade_runs (month DESC, id DESC);

-- The proposal: one row per customer whose grade or star would change. A district manager may keep
-- a customer's current grade (an exception, with a reason) before the run is applied.
CREATE TABLE regrade_items (
  -- A snapshot written in bulk (up to one row per customer): the ids are copied from rows that exist,
  -- so only the run is a foreign key; per-row checks would double the cost of a yearly proposal.
  run_id          bigint NOT NULL REFERENCES regrade_runs (id) ON DELETE CASCADE,
  customer_id     bigint NOT NULL,
  org_unit_id     bigint NOT NULL,
  movement        text NOT NULL CHECK (movement IN ('up', 'down', 'new', 'removed', 'unchanged')),
  from_grade      text NOT NULL,
  to_grade        text NOT NULL,
  from_star       smallint,
  to_star         smallint,
  reason          text NOT NULL,
  measure         bigint NOT NULL,
  tenure_months   integer NOT NULL,
  grade_rule_set_id bigint NOT NULL,
  star_rule_set_id  bigint,
  decision        text NOT NULL DEFAULT 'apply' CHECK (decision IN ('apply', 'keep')),
  decision_reason text,
  decided_by      text,
  decided_at      timestamptz,
  PRIMARY KEY (run_id, customer_id),
  CHECK (decision = 'apply' OR decision_reason IS NOT NULL)
);
CREATE INDEX regrade_items_org_idx ON regrade_items (run_id, org_unit_id);

-- SMS to customers, queued in the transaction of the change; a gateway delivers them later.
CREATE TABLE sms_outbox (
  id           bigserial PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES customers (id),
  kind         text NOT NULL CHECK (kind IN ('grade_change', 'points_expiry')),
  -- What the message says, for the gateway's template: grades, points, dates.
  params       jsonb NOT NULL,
  dedupe_key   text NOT NULL UNIQUE,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz
);
CREATE INDEX sms_outbox_pending_idx ON sms_outbox (id) WHERE status = 'pending';

-- An account manager over a load limit after a re-grade applied.
CREATE TABLE reassignment_tasks (
  id          bigserial PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES regrade_runs (id),
  manager_id  bigint NOT NULL REFERENCES users (id),
  tier        text NOT NULL CHECK (tier IN ('vip', 'guest')),
  load        integer NOT NULL,
  load_limit  integer NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (run_id, manager_id, tier)
);

-- Points: every change is a ledger row; a customer's balance is the sum of its counted rows
-- (customers.points_balance is no longer read: it only seeds the demo's opening rows).
CREATE TABLE points_ledger (
  id            bigserial PRIMARY KEY,
  customer_id   bigint NOT NULL REFERENCES customers (id),
  kind          text NOT NULL CHECK (kind IN ('accrual', 'redemption', 'expiry', 'adjustment')),
  points        bigint NOT NULL,
  -- accrual: the billed month; expiry: the year-end that expired.
  month         date,
  expires_on    date,
  rule_set_id   bigint REFERENCES rule_sets (id),
  -- Adjustments wait for approval; every other kind counts at once.
  status        text NOT NULL DEFAULT 'counted' CHECK (status IN ('counted', 'pending', 'rejected')),
  reason        text,
  created_by    text NOT NULL,
  approved_by   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'accrual' OR (month IS NOT NULL AND points >= 0 AND expires_on IS NOT NULL)),
  CHECK (kind <> 'redemption' OR points < 0),
  CHECK (kind <> 'adjustment' OR reason IS NOT NULL),
  CHECK (kind = 'adjustment' OR status = 'counted')
);
CREATE UNIQUE INDEX points_ledger_accrual_idx ON points_ledger (customer_id, month) WHERE kind = 'accrual';
CREATE UNIQUE INDEX points_ledger_expiry_idx ON points_ledger (customer_id, expires_on) WHERE kind = 'expiry';
CREATE INDEX points_ledger_expiring_idx ON points_ledger (expires_on) WHERE points > 0;
CREATE INDEX points_ledger_customer_idx ON points_ledger (customer_id, id);

-- Potential key accounts (潜在大客户): qualified by rule, confirmed by the AM, approved by the district.
CREATE TABLE potential_accounts (
  customer_id   bigint PRIMARY KEY REFERENCES customers (id),
  reason        text NOT NULL CHECK (reason IN ('spend', 'group_key_person', 'competitor_spend')),
  month         date NOT NULL,
  status        text NOT NULL DEFAULT 'qualified' CHECK (status IN ('qualified', 'confirmed', 'approved', 'rejected')),
  rule_set_id   bigint NOT NULL REFERENCES rule_sets (id),
  confirmed_by  text,
  approved_by   text,
  note          text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Reviewing re-grade proposals and approving points adjustments and promotions.
UPDATE roles SET permissions = array_append(permissions, 'grade.review'), updated_at = now()
  WHERE code IN ('province_manager', 'city_manager', 'district_manager') AND builtin;

-- The default rule sets (docs/rules.md), owned by HQ. Samples to tune, not law.
INSERT INTO rule_sets (kind, org_unit_id, version, name, status, effective_from, body, author, reason, activated_at, activated_by)
SELECT kind, (SELECT id FROM org_units WHERE code = 'HQ'), 1, name, status, DATE '2000-01-01', body::jsonb, 'system',
  'Default from DOMAIN §3.1–§3.4 and §8 #1, #2, #12', CASE WHEN status = 'active' THEN now() END, CASE WHEN status = 'active' THEN 'system' END
FROM (VALUES
  ('grading', '6-month average spend', 'active',
   '{"scheme":"average_spend","averageMonths":6,"tiers":[{"grade":"diamond","minAverageFen":170000},{"grade":"gold","minAverageFen":70000},{"grade":"silver","minAverageFen":30000},{"grade":"guest","minAverageFen":15000}],"minTenureMonths":6,"arrearsFreeMonths":3,"groupRoleGrades":{"key_person":"gold","important_member":"silver"}}'),
  ('star', 'Star level 1★–5★', 'active',
   '{"minTenureMonths":6,"averageMonths":6,"levels":[{"star":5,"minAverageFen":170000,"minTenureMonths":36},{"star":4,"minAverageFen":70000,"minTenureMonths":24},{"star":3,"minAverageFen":30000,"minTenureMonths":12},{"star":2,"minAverageFen":15000,"minTenureMonths":6},{"star":1,"minAverageFen":5000,"minTenureMonths":6}],"contractBonus":1,"arrearsPenaltyPerSuspension":1,"arrearsLookbackMonths":12}'),
  ('credit', 'Credit rating 0–100', 'active',
   '{"baseScore":20,"tenureWeight":30,"tenureFullMonths":60,"punctualityWeight":50,"suspensionPenalty":10,"suspensionLookbackMonths":6,"arrearsDayPenalty":1,"maxArrearsPenalty":30,"limits":[{"minScore":90,"limitFen":200000},{"minScore":75,"limitFen":100000},{"minScore":60,"limitFen":50000},{"minScore":40,"limitFen":20000},{"minScore":0,"limitFen":10000}],"maxTemporaryCreditDays":7}'),
  ('points', 'Consumption points', 'active',
   '{"multiplierPercent":{"star1":100,"star2":150,"star3":200,"star4":250,"star5":300,"star5Premium":500},"rounding":"up","expiryYearsAfter":1,"expiryNoticeDays":30,"pointsPerYuan":100}'),
  ('potential', 'Potential key accounts', 'active',
   '{"averageMonths":3,"shareOfLowestTierPercent":80,"groupKeyPerson":true,"competitorMinMonthlyFen":30000}')
) AS defaults (kind, name, status, body);

-- The growth-value scheme as a second, selectable grading rule set (a draft until someone activates it).
INSERT INTO rule_sets (kind, org_unit_id, version, name, status, effective_from, body, author, reason)
SELECT 'grading', id, 2, '全球通 growth value', 'draft', DATE '2000-01-01',
  '{"scheme":"growth_value","tenurePoints":[{"minYears":1,"points":100},{"minYears":3,"points":200},{"minYears":10,"points":300}],"tiers":[{"grade":"diamond","minPoints":4001},{"grade":"gold","minPoints":2000},{"grade":"silver","minPoints":1000},{"grade":"guest","minPoints":500}],"minTenureMonths":12,"arrearsFreeMonths":3,"groupRoleGrades":{"key_person":"gold","important_member":"silver"}}'::jsonb,
  'system', 'The 全球通 growth-value scheme, DOMAIN §3.1 [W8]'
FROM org_units WHERE code = 'HQ';
