-- Customer archive (大客户档案): the full key-account record, groups and their member units, contacts,
-- key events, competitors, lines and circuits, bills, payments, suspensions, change history,
-- in-network and retained archives, managers, saved filters and assignment limits.

ALTER TABLE customers
  ADD COLUMN archive text NOT NULL DEFAULT 'in_network' CHECK (archive IN ('in_network', 'retained')),
  ADD COLUMN retained_reason text CHECK (retained_reason IN ('demoted', 'churned', 'moved_away', 'closed', 'potential', 'other')),
  ADD COLUMN retained_competitor text,
  ADD COLUMN retained_note text,
  ADD COLUMN retained_at timestamptz,
  ADD COLUMN segment text NOT NULL DEFAULT 'individual' CHECK (segment IN ('individual', 'family', 'group')),
  ADD COLUMN gender text CHECK (gender IN ('male', 'female')),
  ADD COLUMN birthday date,
  ADD COLUMN email text,
  ADD COLUMN employer text,
  ADD COLUMN title text,
  ADD COLUMN brand text,
  ADD COLUMN uscc text,
  ADD COLUMN industry text,
  ADD COLUMN group_class text,
  ADD COLUMN staff_count integer,
  ADD COLUMN relationship_stage text CHECK (relationship_stage IN ('gestation', 'initial', 'middle', 'strategic')),
  ADD COLUMN parent_customer_id bigint REFERENCES customers (id),
  ADD COLUMN grade_valid_from date,
  ADD COLUMN grade_valid_to date,
  ADD COLUMN credit_score smallint CHECK (credit_score BETWEEN 0 AND 100),
  ADD COLUMN credit_limit_fen bigint CHECK (credit_limit_fen >= 0),
  ADD COLUMN temp_credit_fen bigint CHECK (temp_credit_fen >= 0),
  ADD COLUMN temp_credit_until date,
  ADD COLUMN non_credit_control boolean NOT NULL DEFAULT false,
  ADD COLUMN points_balance bigint NOT NULL DEFAULT 0,
  ADD COLUMN preferred_channel text,
  ADD COLUMN do_not_disturb boolean NOT NULL DEFAULT false,
  ADD COLUMN marketing_consent boolean NOT NULL DEFAULT false;

CREATE INDEX customers_archive_idx ON customers (archive, org_unit_id);
CREATE INDEX customers_parent_idx ON customers (parent_customer_id);
CREATE INDEX customers_initials_idx ON customers (name_initials text_pattern_ops);
CREATE INDEX customers_pinyin_idx ON customers (name_pinyin text_pattern_ops);
CREATE INDEX customers_phone_idx ON customers (phone);
CREATE INDEX customers_activated_idx ON customers (activated_on);

-- Lead (主办) is customers.account_manager_id; assisting managers (协办) of cross-region groups here.
CREATE TABLE customer_managers (
  customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES users (id),
  role         text NOT NULL DEFAULT 'assisting' CHECK (role IN ('assisting')),
  since        date,
  PRIMARY KEY (customer_id, user_id)
);
CREATE INDEX customer_managers_user_idx ON customer_managers (user_id);

CREATE TABLE customer_contacts (
  id           bigserial PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('leader', 'key_person', 'daily_contact', 'finance', 'it')),
  title        text,
  phone        text,
  email        text,
  influence    smallint CHECK (influence BETWEEN 1 AND 5),
  preferences  text,
  birthday     date,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_contacts_customer_idx ON customer_contacts (customer_id);

CREATE TABLE customer_events (
  id           bigserial PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  occurred_on  date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('merger', 'move', 'tender', 'anniversary', 'leadership_change', 'other')),
  title        text NOT NULL,
  note         text,
  created_by   bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_events_customer_idx ON customer_events (customer_id, occurred_on DESC);

CREATE TABLE customer_competitors (
  id               bigserial PRIMARY KEY,
  customer_id      bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  competitor       text NOT NULL,
  products         text,
  contract_end_on  date,
  share_of_wallet  smallint CHECK (share_of_wallet BETWEEN 0 AND 100),
  monthly_spend_fen bigint CHECK (monthly_spend_fen >= 0),
  note             text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_competitors_customer_idx ON customer_competitors (customer_id);

CREATE TABLE lines (
  id            bigserial PRIMARY KEY,
  line_no       text NOT NULL UNIQUE,
  customer_id   bigint NOT NULL REFERENCES customers (id),
  type          text NOT NULL CHECK (type IN ('mobile', 'fixed', 'broadband', 'circuit', 'iot')),
  package       text,
  brand         text,
  status        text NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'suspended', 'pre_cancelled', 'cancelled')),
  activated_on  date,
  owner_name    text,
  holder_name   text,
  a_end         text,
  b_end         text,
  bandwidth     text,
  sla_tier      text CHECK (sla_tier IN ('urgent', 'expedited', 'normal')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lines_customer_idx ON lines (customer_id);

-- One bill per customer and month; money in fen. Arrears are what is billed and not yet paid.
CREATE TABLE bills (
  customer_id  bigint NOT NULL REFERENCES customers (id),
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  amount_fen   bigint NOT NULL CHECK (amount_fen >= 0),
  paid_fen     bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  paid_on      date,
  PRIMARY KEY (customer_id, month)
);

CREATE TABLE payments (
  id           bigserial PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES customers (id),
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  paid_on      date NOT NULL,
  UNIQUE (customer_id, month)
);

CREATE TABLE suspensions (
  id                bigserial PRIMARY KEY,
  line_id           bigint NOT NULL REFERENCES lines (id),
  kind              text NOT NULL CHECK (kind IN ('arrears', 'request', 'loss', 'administrative')),
  suspended_at      timestamptz NOT NULL,
  restored_at       timestamptz CHECK (restored_at IS NULL OR restored_at >= suspended_at),
  reminded_at       timestamptz,
  reminded_by       bigint REFERENCES users (id),
  reminder_channel  text,
  UNIQUE (line_id, suspended_at)
);
CREATE INDEX suspensions_time_idx ON suspensions (suspended_at DESC);

-- Field-level history of every change to a customer: who, when, before and after, why.
CREATE TABLE customer_history (
  id           bigserial PRIMARY KEY,
  customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_name   text,
  action       text NOT NULL,
  before       jsonb,
  after        jsonb,
  reason       text
);
CREATE INDEX customer_history_customer_idx ON customer_history (customer_id, changed_at DESC);

CREATE TABLE saved_filters (
  id          bigserial PRIMARY KEY,
  owner_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        text NOT NULL,
  filters     jsonb NOT NULL,
  shared      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, name)
);

-- Small typed configuration values; rule sets with versions come with the service-rules capability.
CREATE TABLE settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  bigint REFERENCES users (id)
);
INSERT INTO settings (key, value) VALUES ('assignment.load_limits', '{"vip": 50, "guest": 300}');

-- Import runs: the API's upload → preview → commit, and the CLI's report.
CREATE TABLE import_runs (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('customers', 'lines', 'bills', 'payments', 'suspensions')),
  file_name    text NOT NULL,
  status       text NOT NULL CHECK (status IN ('validated', 'committed', 'failed', 'discarded')),
  mode         text NOT NULL DEFAULT 'all_or_nothing' CHECK (mode IN ('all_or_nothing', 'partial')),
  total_rows   integer NOT NULL DEFAULT 0,
  valid_rows   integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  errors       jsonb NOT NULL DEFAULT '[]',
  created_by   bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
