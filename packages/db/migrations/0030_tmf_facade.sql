-- TM Forum Open API façade (docs/tmf.md): the TroubleTicket attributes Patron has no column for,
-- listener registrations per API (/hub), and the durable event outbox their deliveries come from.

-- TMF clients send their own severity/priority vocabulary and an external id; we echo them back unchanged.
ALTER TABLE work_orders ADD COLUMN external_id text;
ALTER TABLE work_orders ADD COLUMN tmf_severity text;
ALTER TABLE work_orders ADD COLUMN tmf_priority text;

-- A listener registered by an integration client. Events reach it only for rows in the client's org
-- subtree (org_path, copied from the client's org unit when it registers).
CREATE TABLE tmf_hubs (
  id                    bigserial PRIMARY KEY,
  api                   text NOT NULL CHECK (api IN ('troubleTicket', 'customerManagement', 'party', 'appointment')),
  callback              text NOT NULL,
  query                 text,
  -- Parsed from query's eventType=A,B; NULL: every event of the API.
  event_types           text[],
  owner_id              bigint NOT NULL REFERENCES users (id),
  org_path              text NOT NULL,
  -- failing: the last deliveries kept failing; deliveries go on with the longest backoff.
  state                 text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'failing', 'removed')),
  consecutive_failures  integer NOT NULL DEFAULT 0,
  last_error            text,
  last_attempt_at       timestamptz,
  last_success_at       timestamptz,
  created_at            timestamptz NOT NULL,
  removed_at            timestamptz
);

-- One row per event, written in the transaction of the change it reports.
CREATE TABLE tmf_events (
  id            bigserial PRIMARY KEY,
  api           text NOT NULL,
  -- 'troubleTicket/WO202611230001': deliveries keep the order of events per resource.
  resource_key  text NOT NULL,
  event_type    text NOT NULL,
  payload       jsonb NOT NULL,
  occurred_at   timestamptz NOT NULL
);

-- One row per event and matching hub: the outbox the delivery job works through.
CREATE TABLE tmf_deliveries (
  id               bigserial PRIMARY KEY,
  event_id         bigint NOT NULL REFERENCES tmf_events (id),
  hub_id           bigint NOT NULL REFERENCES tmf_hubs (id),
  resource_key     text NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dropped')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  delivered_at     timestamptz
);
CREATE INDEX tmf_deliveries_pending ON tmf_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX tmf_deliveries_order ON tmf_deliveries (hub_id, resource_key, id) WHERE state = 'pending';
CREATE INDEX work_orders_external_id ON work_orders (external_id) WHERE external_id IS NOT NULL;
