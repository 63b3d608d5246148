-- Work orders (服务请求 / 工单, DOMAIN §4.1): the closed loop 受理→预约→派单→上门→竣工→交付→回访→归档,
-- its append-only timeline, SLA targets with the scanner's due index, compensation forms (赔付单,
-- §3.10), in-app notifications, and the public status page's lookup throttle.

-- One counter per business date: order numbers read WO + yyyymmdd + a 4-digit (or longer) sequence.
CREATE TABLE work_order_sequences (
  day         date PRIMARY KEY,
  last_value  integer NOT NULL
);

CREATE TABLE work_orders (
  id                    bigserial PRIMARY KEY,
  order_no              text NOT NULL UNIQUE,
  -- Given to the customer for the public status page: 10 characters without 0/O/1/I/L.
  tracking_code         text NOT NULL UNIQUE CHECK (tracking_code ~ '^[2-9A-HJKMNP-Z]{10}$'),
  customer_id           bigint NOT NULL REFERENCES customers (id),
  line_id               bigint REFERENCES lines (id),
  type                  text NOT NULL CHECK (type IN ('install', 'move', 'change', 'restore', 'fault', 'sim_replacement', 'query', 'cross_region')),
  channel               text NOT NULL CHECK (channel IN ('hotline', 'business_hall', 'online', 'account_manager', 'partner', 'tmf')),
  priority              text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  -- Service catalogue item code (fixed_line_fault_repair, digital_circuit_provisioning, ...).
  service_item          text,
  -- The customer's star level when the order was accepted: the SLA does not move if the star does.
  star                  smallint CHECK (star BETWEEN 0 AND 5),
  circuit_scope         text CHECK (circuit_scope IN ('local', 'intra_province', 'inter_province')),
  sla_service           text CHECK (sla_service IN ('digital_circuit', 'ddn', 'fr_atm')),
  sla_tier              text CHECK (sla_tier IN ('urgent', 'expedited', 'normal')),
  standard_fee_fen      bigint CHECK (standard_fee_fen >= 0),
  charged_fee_fen       bigint CHECK (charged_fee_fen >= 0),
  -- A contract's own limit in working days (the contract prevails over the catalogue).
  contract_limit_workdays integer CHECK (contract_limit_workdays BETWEEN 1 AND 3650),
  appointment_start     timestamptz,
  appointment_end       timestamptz,
  dispatch_org_unit_id  bigint REFERENCES org_units (id),
  assignee_id           bigint REFERENCES users (id),
  -- KA headquarters and circuits get a delivery pack within 3 WD of completion (§3.9).
  delivery_pack         boolean NOT NULL DEFAULT false,
  title                 text NOT NULL,
  description           text,
  status                text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'appointed', 'dispatched', 'in_progress',
                          'completed', 'delivered', 'revisit_pending', 'archived', 'on_hold', 'reopened', 'cancelled')),
  -- The state ON_HOLD was entered from, and the only one it resumes to.
  held_from             text CHECK (held_from IN ('received', 'appointed', 'dispatched', 'in_progress')),
  -- Incremented by each reopen: delivery and revisit targets belong to one completion cycle.
  cycle                 integer NOT NULL DEFAULT 1,
  catalogue_version     text,
  sla_rule_version      text,
  calendar_version      text NOT NULL,
  accepted_at           timestamptz NOT NULL,
  completed_at          timestamptz,
  delivered_at          timestamptz,
  archived_at           timestamptz,
  cancelled_at          timestamptz,
  created_by            bigint REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (appointment_end IS NULL OR appointment_start IS NULL OR appointment_end > appointment_start),
  CHECK ((sla_tier IS NULL) = (sla_service IS NULL)),
  CHECK ((status = 'on_hold') = (held_from IS NOT NULL))
);
CREATE INDEX work_orders_customer_idx ON work_orders (customer_id);
CREATE INDEX work_orders_status_idx ON work_orders (status);
CREATE INDEX work_orders_assignee_idx ON work_orders (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX work_orders_dispatch_idx ON work_orders (dispatch_org_unit_id) WHERE dispatch_org_unit_id IS NOT NULL;
CREATE INDEX work_orders_accepted_idx ON work_orders (accepted_at DESC);

-- Per order and target: the budget, the clock's latest evaluation and the scanner's bookkeeping.
CREATE TABLE work_order_sla_targets (
  id                 bigserial PRIMARY KEY,
  work_order_id      bigint NOT NULL REFERENCES work_orders (id),
  target             text NOT NULL CHECK (target IN ('resolution', 'delivery', 'revisit')),
  cycle              integer NOT NULL DEFAULT 1,
  -- {"unit": "working_days" | "clock_minutes" | "business_minutes", "amount": n}
  budget             jsonb NOT NULL,
  -- Where the budget came from: sla_tier, contract, catalogue_star, catalogue_basic, appointment.
  source             text NOT NULL,
  rule_version       text,
  clock_status       text NOT NULL DEFAULT 'running' CHECK (clock_status IN ('not_started', 'running', 'paused', 'stopped')),
  -- This target's clock events as [[op, epoch ms, pause reason], ...], appended in the transaction that
  -- appends them to work_order_events (the record): the scanner re-evaluates from one row, no join.
  clock              jsonb NOT NULL DEFAULT '[]',
  state              text NOT NULL DEFAULT 'on_track' CHECK (state IN ('on_track', 'warning_50', 'warning_80', 'breached')),
  deadline           timestamptz,
  deadline_projected boolean NOT NULL DEFAULT false,
  budget_minutes     integer NOT NULL,
  elapsed_minutes    integer NOT NULL DEFAULT 0,
  overdue_minutes    integer NOT NULL DEFAULT 0,
  -- Next instant the scanner must look again (a threshold, or the next overdue working day of an
  -- SLA-tier order); NULL when nothing can change without a transition.
  next_due_at        timestamptz,
  warned_50_at       timestamptz,
  warned_80_at       timestamptz,
  breached_at        timestamptz,
  calendar_complete  boolean NOT NULL DEFAULT true,
  evaluated_at       timestamptz NOT NULL,
  UNIQUE (work_order_id, target, cycle)
);
CREATE INDEX work_order_sla_targets_due_idx ON work_order_sla_targets (next_due_at, id) WHERE next_due_at IS NOT NULL;

-- Append-only timeline: status changes (actor, note) and clock events (start, pause, resume, stop).
CREATE TABLE work_order_events (
  id             bigserial PRIMARY KEY,
  work_order_id  bigint NOT NULL REFERENCES work_orders (id),
  occurred_at    timestamptz NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('status', 'clock')),
  from_status    text,
  to_status      text,
  target_id      bigint REFERENCES work_order_sla_targets (id),
  clock          text CHECK (clock IN ('start', 'pause', 'resume', 'stop')),
  reason         text,
  note           text,
  actor_id       bigint REFERENCES users (id),
  actor_name     text,
  CHECK ((kind = 'status') = (to_status IS NOT NULL)),
  CHECK ((kind = 'clock') = (clock IS NOT NULL AND target_id IS NOT NULL)),
  CHECK (clock IS DISTINCT FROM 'pause' OR reason IS NOT NULL)
);
CREATE INDEX work_order_events_order_idx ON work_order_events (work_order_id, id);
CREATE INDEX work_order_events_target_idx ON work_order_events (target_id, id) WHERE target_id IS NOT NULL;

CREATE FUNCTION work_order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'work_order_events is append-only';
END $$;
CREATE TRIGGER work_order_events_no_update BEFORE UPDATE OR DELETE ON work_order_events
  FOR EACH ROW EXECUTE FUNCTION work_order_events_append_only();

-- SLA compensation form (赔付单): drafted by the scanner on a breach of an SLA-tier order, one per
-- order; the amount follows the overdue working days until the order completes or it is agreed.
CREATE TABLE compensations (
  id                bigserial PRIMARY KEY,
  work_order_id     bigint NOT NULL UNIQUE REFERENCES work_orders (id),
  target_id         bigint NOT NULL REFERENCES work_order_sla_targets (id),
  amount_fen        bigint NOT NULL CHECK (amount_fen >= 0),
  base_fen          bigint NOT NULL CHECK (base_fen >= 0),
  cap_fen           bigint NOT NULL CHECK (cap_fen >= 0),
  rate_bp_per_workday integer NOT NULL,
  overdue_workdays  integer NOT NULL CHECK (overdue_workdays >= 0),
  rule_version      text NOT NULL,
  -- true once the order's clock stopped: the amount no longer grows.
  final             boolean NOT NULL DEFAULT false,
  status            text NOT NULL DEFAULT 'drafted' CHECK (status IN ('drafted', 'agreed', 'settled')),
  -- [{"at", "status", "note", "actor"}] appended by each transition.
  notes             jsonb NOT NULL DEFAULT '[]',
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  agreed_at         timestamptz,
  agreed_by         bigint REFERENCES users (id),
  settled_at        timestamptz,
  settled_by        bigint REFERENCES users (id)
);
CREATE INDEX compensations_status_idx ON compensations (status, created_at DESC);

-- Minimal in-app notifications: the SLA scanner writes, the user reads. Title is the zh-CN text;
-- kind + params let a client render its own locale.
CREATE TABLE notifications (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  kind         text NOT NULL,
  title        text NOT NULL,
  body         text,
  params       jsonb NOT NULL DEFAULT '{}',
  entity_type  text,
  entity_id    text,
  created_at   timestamptz NOT NULL,
  read_at      timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Failed lookups on the public status page, per client IP and per tracking code, in a fixed window.
CREATE TABLE public_lookup_throttle (
  key               text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL
);
