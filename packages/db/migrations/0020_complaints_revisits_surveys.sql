-- Complaints (投诉, DOMAIN §3.11, §4.2) with escalation levels, root cause, appeals (申诉) and symbolic
-- compensation; revisit tasks (回访, §5.3) for orders and complaints; versioned questionnaires and
-- survey answers (§5.1, §5.4). The service desk permission lets the revisit desk and outbound agents
-- work the complaints and revisits of their org subtree without owning the customers.

UPDATE roles SET permissions = array_append(permissions, 'service.desk') WHERE code = 'outbound_agent';

-- Configuration as versioned data; the newest version is in force (the code default when none).
CREATE TABLE complaint_rule_versions (
  version     text PRIMARY KEY,
  rules       jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  bigint REFERENCES users (id)
);

CREATE TABLE complaint_sequences (
  day         date PRIMARY KEY,
  last_value  integer NOT NULL
);

CREATE TABLE complaints (
  id                     bigserial PRIMARY KEY,
  complaint_no           text NOT NULL UNIQUE,
  customer_id            bigint NOT NULL REFERENCES customers (id),
  line_id                bigint REFERENCES lines (id),
  channel                text NOT NULL CHECK (channel IN ('hotline', 'business_hall', 'online', 'account_manager', 'letter', 'regulator_appeal')),
  category               text NOT NULL CHECK (category IN ('network_quality', 'billing', 'service_attitude', 'provisioning', 'fault_repair', 'marketing', 'information_security', 'other')),
  severity               text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  -- The customer's own words.
  description            text NOT NULL,
  status                 text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'assigned', 'processing', 'escalated', 'resolved', 'closed')),
  level                  smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  repeat                 boolean NOT NULL,
  hot                    boolean NOT NULL,
  hot_keywords           text[] NOT NULL DEFAULT '{}',
  assignee_id            bigint REFERENCES users (id),
  received_at            timestamptz NOT NULL,
  level_started_at       timestamptz NOT NULL,
  -- The current level's limit, capped by the final answer; the escalation scan reads this index.
  level_deadline         timestamptz NOT NULL,
  final_deadline         timestamptz NOT NULL,
  escalated_once         boolean NOT NULL DEFAULT false,
  reopen_count           integer NOT NULL DEFAULT 0,
  resolution             text,
  root_cause             text CHECK (root_cause IN ('value', 'system', 'people')),
  root_cause_detail      text,
  customer_confirmed     boolean,
  no_confirmation_reason text,
  -- Level 1, never escalated, never reopened: first-contact resolution.
  first_contact_resolved boolean,
  resolved_at            timestamptz,
  resolved_level         smallint,
  closed_at              timestamptz,
  rules_version          text NOT NULL,
  calendar_version       text NOT NULL,
  created_by             bigint REFERENCES users (id),
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX complaints_customer_idx ON complaints (customer_id, category, received_at DESC);
CREATE INDEX complaints_received_idx ON complaints (received_at DESC);
CREATE INDEX complaints_due_idx ON complaints (level_deadline, id) WHERE status IN ('received', 'assigned', 'processing', 'escalated');

-- Timeline: status and level changes. `on_time` is set when a level is left (escalated or resolved):
-- whether it was left before that level's limit; automatic escalations are breaches.
CREATE TABLE complaint_events (
  id            bigserial PRIMARY KEY,
  complaint_id  bigint NOT NULL REFERENCES complaints (id),
  occurred_at   timestamptz NOT NULL,
  from_status   text,
  to_status     text NOT NULL,
  from_level    smallint,
  to_level      smallint NOT NULL,
  automatic     boolean NOT NULL DEFAULT false,
  on_time       boolean,
  note          text,
  actor_id      bigint REFERENCES users (id),
  actor_name    text
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id);

CREATE FUNCTION complaint_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'complaint_events is append-only';
END $$;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only();

CREATE TABLE complaint_work_orders (
  complaint_id   bigint NOT NULL REFERENCES complaints (id),
  work_order_id  bigint NOT NULL REFERENCES work_orders (id),
  PRIMARY KEY (complaint_id, work_order_id)
);

-- External appeal to the provincial appeal body: acceptance within 5 WD, handling within 30 days.
CREATE TABLE complaint_appeals (
  id              bigserial PRIMARY KEY,
  complaint_id    bigint NOT NULL REFERENCES complaints (id),
  reference       text NOT NULL,
  authority       text NOT NULL,
  received_at     timestamptz NOT NULL,
  acceptance_due  timestamptz NOT NULL,
  handling_due    timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'rejected', 'answered')),
  accepted_at     timestamptz,
  answered_at     timestamptz,
  created_by      bigint REFERENCES users (id),
  UNIQUE (authority, reference)
);
CREATE INDEX complaint_appeals_complaint_idx ON complaint_appeals (complaint_id);

-- Symbolic compensation (credit, points, gift) offered at any level, approved within the limit of
-- the approver's level (rising by level, configuration).
CREATE TABLE complaint_compensations (
  id              bigserial PRIMARY KEY,
  complaint_id    bigint NOT NULL REFERENCES complaints (id),
  kind            text NOT NULL CHECK (kind IN ('credit', 'points', 'gift')),
  amount_fen      bigint NOT NULL CHECK (amount_fen >= 0),
  required_level  smallint NOT NULL CHECK (required_level BETWEEN 1 AND 3),
  status          text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
  note            text,
  proposed_by     bigint REFERENCES users (id),
  proposed_at     timestamptz NOT NULL,
  decided_by      bigint REFERENCES users (id),
  decided_at      timestamptz
);
CREATE INDEX complaint_compensations_complaint_idx ON complaint_compensations (complaint_id);

-- One revisit task per completed provisioning order, closed fault or resolved complaint (and cycle):
-- one channel and at most one owner.
CREATE TABLE revisits (
  id             bigserial PRIMARY KEY,
  trigger        text NOT NULL CHECK (trigger IN ('provisioning', 'fault', 'complaint')),
  work_order_id  bigint REFERENCES work_orders (id),
  complaint_id   bigint REFERENCES complaints (id),
  -- The order's cycle or the complaint's reopen count: a reopened item owes a new revisit.
  round          integer NOT NULL DEFAULT 0,
  customer_id    bigint NOT NULL REFERENCES customers (id),
  channel        text NOT NULL CHECK (channel IN ('revisit_desk', 'outbound_queue')),
  owner_id       bigint REFERENCES users (id),
  due_at         timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'unreachable')),
  attempts       integer NOT NULL DEFAULT 0,
  outcome        text CHECK (outcome IN ('satisfied', 'unsatisfied')),
  -- 1 (very unsatisfied) to 5 (very satisfied).
  satisfaction   smallint CHECK (satisfaction BETWEEN 1 AND 5),
  problems       text,
  last_attempt_at timestamptz,
  done_at        timestamptz,
  done_by        bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  CHECK ((work_order_id IS NULL) <> (complaint_id IS NULL)),
  CHECK ((status = 'done') = (outcome IS NOT NULL))
);
CREATE UNIQUE INDEX revisits_work_order_round_idx ON revisits (work_order_id, round) WHERE work_order_id IS NOT NULL;
CREATE UNIQUE INDEX revisits_complaint_round_idx ON revisits (complaint_id, round) WHERE complaint_id IS NOT NULL;
CREATE INDEX revisits_queue_idx ON revisits (status, due_at);
CREATE INDEX revisits_customer_idx ON revisits (customer_id);

CREATE TABLE questionnaires (
  code        text NOT NULL,
  version     integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('approval', 'satisfaction')),
  definition  jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

-- A survey sent to one customer: by an outbound agent's call script or a one-time link (only the
-- SHA-256 of its token is stored). Answered once.
CREATE TABLE survey_invitations (
  id                  bigserial PRIMARY KEY,
  questionnaire_code  text NOT NULL,
  questionnaire_version integer NOT NULL,
  customer_id         bigint NOT NULL REFERENCES customers (id),
  channel             text NOT NULL CHECK (channel IN ('outbound_call', 'mobile_link')),
  token_hash          text UNIQUE,
  status              text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'answered')),
  sent_at             timestamptz NOT NULL,
  expires_at          timestamptz,
  sent_by             bigint REFERENCES users (id),
  FOREIGN KEY (questionnaire_code, questionnaire_version) REFERENCES questionnaires (code, version),
  CHECK ((channel = 'mobile_link') = (token_hash IS NOT NULL))
);
CREATE INDEX survey_invitations_customer_idx ON survey_invitations (customer_id);

-- Answers keep the questionnaire version and, frozen at answer time, the customer's manager, org
-- unit and class, so measures per AM/district/month do not move when the customer is reassigned.
CREATE TABLE survey_responses (
  id                  bigserial PRIMARY KEY,
  invitation_id       bigint NOT NULL UNIQUE REFERENCES survey_invitations (id),
  questionnaire_code  text NOT NULL,
  questionnaire_version integer NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('approval', 'satisfaction')),
  customer_id         bigint NOT NULL REFERENCES customers (id),
  account_manager_id  bigint REFERENCES users (id),
  org_unit_id         bigint NOT NULL REFERENCES org_units (id),
  customer_class      text NOT NULL CHECK (customer_class IN ('vip', 'guest', 'other')),
  answers             jsonb NOT NULL,
  dimension_scores    jsonb NOT NULL,
  score_index         numeric(5, 1) NOT NULL,
  approves            boolean,
  answered_at         timestamptz NOT NULL,
  recorded_by         bigint REFERENCES users (id)
);
CREATE INDEX survey_responses_answered_idx ON survey_responses (kind, answered_at);
