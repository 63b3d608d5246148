-- Foundation: org tree, roles, users, sessions and API tokens, audit, login throttling,
-- the minimal customer record every scope test needs, and the job queue.

CREATE TABLE org_units (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('hq', 'province', 'city', 'district', 'team')),
  parent_id   bigint REFERENCES org_units (id),
  -- '/HQ/DEMO/DEMO-01/DEMO-01-01/': a subtree is a prefix match, indexable with text_pattern_ops.
  path        text NOT NULL UNIQUE,
  sort_order  integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_units_path_idx ON org_units (path text_pattern_ops);
CREATE INDEX org_units_parent_idx ON org_units (parent_id);

CREATE TABLE roles (
  code          text PRIMARY KEY,
  data_scope    text NOT NULL CHECK (data_scope IN ('own', 'team', 'subtree', 'aggregate', 'none')),
  -- PII fields shown in full without asking, and fields the role may unmask on request (audited).
  unmasked_fields  text[] NOT NULL DEFAULT '{}',
  unmaskable_fields text[] NOT NULL DEFAULT '{}',
  permissions   text[] NOT NULL DEFAULT '{}',
  builtin       boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             bigserial PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  display_name   text NOT NULL,
  password_hash  text,
  org_unit_id    bigint NOT NULL REFERENCES org_units (id),
  phone          text,
  email          text,
  locale         text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  active         boolean NOT NULL DEFAULT true,
  system         boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org_unit_idx ON users (org_unit_id);

CREATE TABLE user_roles (
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_code  text NOT NULL REFERENCES roles (code),
  PRIMARY KEY (user_id, role_code)
);

-- Browser sessions and integration API tokens share one table; only the SHA-256 of a token is kept.
CREATE TABLE auth_tokens (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('session', 'api')),
  token_hash    text NOT NULL UNIQUE,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          text,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id);

CREATE TABLE login_throttle (
  username        text PRIMARY KEY,
  failures        integer NOT NULL DEFAULT 0,
  first_failed_at timestamptz,
  locked_until    timestamptz
);

-- Append-only: the application role never updates or deletes here.
CREATE TABLE audit_events (
  id           bigserial PRIMARY KEY,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_name   text,
  action       text NOT NULL,
  entity_type  text,
  entity_id    text,
  org_unit_id  bigint,
  before       jsonb,
  after        jsonb,
  reason       text,
  ip           text,
  request_id   text
);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- The key-account record in its foundation form; the customer-archive migration widens it.
CREATE TABLE customers (
  id                  bigserial PRIMARY KEY,
  customer_no         text NOT NULL UNIQUE,
  kind                text NOT NULL CHECK (kind IN ('individual', 'group')),
  name                text NOT NULL,
  name_pinyin         text NOT NULL DEFAULT '',
  name_initials       text NOT NULL DEFAULT '',
  grade               text NOT NULL DEFAULT 'none' CHECK (grade IN ('diamond', 'gold', 'silver', 'guest', 'none')),
  star                smallint CHECK (star BETWEEN 0 AND 5),
  phone               text,
  id_number           text,
  address             text,
  org_unit_id         bigint NOT NULL REFERENCES org_units (id),
  account_manager_id  bigint REFERENCES users (id),
  phone_manager_id    bigint REFERENCES users (id),
  activated_on        date,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_org_unit_idx ON customers (org_unit_id);
CREATE INDEX customers_account_manager_idx ON customers (account_manager_id);
CREATE INDEX customers_phone_manager_idx ON customers (phone_manager_id);
CREATE INDEX customers_grade_idx ON customers (grade);

CREATE TABLE jobs (
  id             bigserial PRIMARY KEY,
  name           text NOT NULL,
  payload        jsonb NOT NULL DEFAULT '{}',
  state          text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'completed', 'failed')),
  singleton_key  text,
  run_at         timestamptz NOT NULL DEFAULT now(),
  attempts       integer NOT NULL DEFAULT 0,
  max_attempts   integer NOT NULL DEFAULT 3,
  locked_by      text,
  locked_until   timestamptz,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state = 'queued';
-- A singleton key admits one live job, and a finished scheduled slot is never queued again.
CREATE UNIQUE INDEX jobs_singleton_idx ON jobs (name, singleton_key) WHERE singleton_key IS NOT NULL;

INSERT INTO roles (code, data_scope, unmasked_fields, unmaskable_fields, permissions) VALUES
  ('admin',            'none',      '{}', '{}', '{org.manage,user.manage,role.manage,token.manage,audit.read,job.read,system.manage}'),
  ('province_manager', 'subtree',   '{}', '{phone,idNumber,address}', '{customer.read,customer.write,customer.assign,customer.assign.override,pii.unmask,report.read,rule.manage,audit.read}'),
  ('city_manager',     'subtree',   '{}', '{phone,idNumber,address}', '{customer.read,customer.write,customer.assign,customer.assign.override,pii.unmask,report.read,rule.manage,audit.read}'),
  ('district_manager', 'subtree',   '{}', '{phone,idNumber,address}', '{customer.read,customer.write,customer.assign,customer.assign.override,pii.unmask,report.read}'),
  ('team_lead',        'team',      '{}', '{phone,address}', '{customer.read,customer.write,customer.assign,pii.unmask,report.read}'),
  ('account_manager',  'own',       '{}', '{phone,address}', '{customer.read,customer.write,pii.unmask}'),
  ('phone_manager',    'own',       '{}', '{phone}', '{customer.read,pii.unmask}'),
  ('outbound_agent',   'own',       '{}', '{}', '{customer.read}'),
  ('analyst',          'aggregate', '{}', '{}', '{report.read}'),
  ('integration',      'subtree',   '{}', '{}', '{customer.read,customer.write,integration.api}');

-- The built-in system user owns CLI and scheduled work; it cannot log in (no password).
INSERT INTO org_units (code, name, kind, parent_id, path) VALUES ('HQ', '集团总部', 'hq', NULL, '/HQ/');
INSERT INTO users (username, display_name, org_unit_id, system)
  SELECT 'system', '系统', id, true FROM org_units WHERE code = 'HQ';
