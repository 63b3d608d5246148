-- Business calendars, the versioned service catalogue and SLA tiers as data (docs/calendar.md).
--
-- Calendars: the mainland China statutory holidays and make-up workdays of every built-in year come from
-- the domain dataset (packages/domain/src/calendar/china-mainland.data.ts) and are NOT copied here; this
-- schema stores what admins layer on top (corrections, new years from ICS files, local holidays of a
-- province calendar based on CN) and which years an admin has declared complete.

CREATE TABLE calendars (
  code             text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9-]{0,31}$'),
  name             text NOT NULL CHECK (btrim(name) <> ''),
  zone             text NOT NULL DEFAULT 'Asia/Shanghai',
  weekly_hours     jsonb NOT NULL DEFAULT '{"mon":[{"start":"08:30","end":"17:30"}],"tue":[{"start":"08:30","end":"17:30"}],"wed":[{"start":"08:30","end":"17:30"}],"thu":[{"start":"08:30","end":"17:30"}],"fri":[{"start":"08:30","end":"17:30"}],"sat":[],"sun":[]}',
  -- A calendar based on another inherits its holidays, make-up days and published years, and adds its own.
  based_on         text REFERENCES calendars (code),
  -- Built-in holiday data compiled in under the stored overrides ('cn-mainland' for CN).
  builtin_dataset  text CHECK (builtin_dataset IN ('cn-mainland')),
  -- Bumped on every change to the calendar, its overrides or its published years: app nodes compare it
  -- with their compiled copy. `revision` is random per change so equal counters of two databases (test
  -- clones, a restored backup) never pass for the same content in a process-wide cache.
  version          integer NOT NULL DEFAULT 1,
  revision         text NOT NULL DEFAULT gen_random_uuid()::text,
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calendars_based_on_idx ON calendars (based_on);

-- One stored override per calendar and date; it wins over the built-in data and over the base calendar.
-- 'regular' withdraws an inherited holiday or make-up day on that date.
CREATE TABLE calendar_overrides (
  calendar_code  text NOT NULL REFERENCES calendars (code) ON DELETE CASCADE,
  date           date NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday', 'regular')),
  name           text,
  source         text NOT NULL DEFAULT 'admin' CHECK (source IN ('builtin', 'admin', 'ics')),
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_code, date),
  CHECK (kind = 'regular' OR btrim(coalesce(name, '')) <> ''),
  CHECK (date BETWEEN '1900-01-01' AND '2199-12-31')
);

-- Years an admin declared complete (holiday schedule fully entered); built-in published years need no row.
CREATE TABLE calendar_published_years (
  calendar_code  text NOT NULL REFERENCES calendars (code) ON DELETE CASCADE,
  year           integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
  created_by     bigint REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_code, year)
);

INSERT INTO calendars (code, name, builtin_dataset) VALUES ('CN', '中国大陆法定节假日', 'cn-mainland');

-- Service catalogue (DOMAIN §3.9) and provisioning SLA tiers (§3.10) as versioned rule data. A version
-- is immutable once stored; the one in force on a date is the latest effective_from on or before it
-- (ties: the later seq). The seeds are frozen copies of CT_SERVICE_CATALOGUE and
-- CT_PROVISIONING_SLA_RULES; a test checks they still equal the domain constants.

CREATE TABLE service_catalogue_versions (
  version         text PRIMARY KEY,
  seq             integer NOT NULL UNIQUE,
  effective_from  date NOT NULL,
  source          text NOT NULL DEFAULT '',
  items           jsonb NOT NULL,
  author          text NOT NULL,
  reason          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_catalogue_versions_effective_idx ON service_catalogue_versions (effective_from DESC, seq DESC);

CREATE TABLE sla_rule_versions (
  version         text PRIMARY KEY,
  seq             integer NOT NULL UNIQUE,
  effective_from  date NOT NULL,
  source          text NOT NULL DEFAULT '',
  -- {"compensationBase": "charged_fee" | "standard_fee", "tiers": {urgent, expedited, normal}}
  rules           jsonb NOT NULL,
  author          text NOT NULL,
  reason          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sla_rule_versions_effective_idx ON sla_rule_versions (effective_from DESC, seq DESC);

INSERT INTO service_catalogue_versions (version, seq, effective_from, source, author, reason, items) VALUES (
  'ct-ka-service-2008.1', 1, '2008-01-01',
  'China Telecom KA basic service standard and star service table; DOMAIN §3.9 [S2] [Op]',
  'system', 'Built-in China Telecom KA service standard',
  '[
    {"code":"fixed_line_installation","name":{"zh":"固话装机","en":"Fixed-line installation"},"basic":{"kind":"working_days","days":2},"byStar":{"1":{"kind":"limit","limit":{"kind":"working_days","days":2}},"2":{"kind":"limit","limit":{"kind":"working_days","days":1}},"3":{"kind":"limit","limit":{"kind":"working_days","days":1}},"4":{"kind":"limit","limit":{"kind":"on_demand"}},"5":{"kind":"limit","limit":{"kind":"on_demand"}}}},
    {"code":"fixed_line_restore","name":{"zh":"固话复机/新增功能","en":"Fixed-line restore / add feature"},"basic":{"kind":"hours","hours":4,"basis":"clock"},"byStar":{"1":{"kind":"limit","limit":{"kind":"hours","hours":4,"basis":"clock"}},"2":{"kind":"limit","limit":{"kind":"hours","hours":3,"basis":"clock"}},"3":{"kind":"limit","limit":{"kind":"hours","hours":2,"basis":"clock"}},"4":{"kind":"limit","limit":{"kind":"hours","hours":2,"basis":"clock"}},"5":{"kind":"limit","limit":{"kind":"hours","hours":2,"basis":"clock"}}}},
    {"code":"fixed_line_fault_repair","name":{"zh":"固话故障修复","en":"Fixed-line fault repair"},"basic":{"kind":"hours","hours":8,"basis":"clock"}},
    {"code":"circuit_fault","name":{"zh":"数字/数据电路故障处理","en":"Digital / data circuit fault handling"},"basic":{"kind":"hours","hours":6,"basis":"clock"}},
    {"code":"internet_leased_line_provisioning","name":{"zh":"互联网专线开通","en":"Internet leased line provisioning"},"basic":{"kind":"working_days","days":15},"byStar":{"1":{"kind":"basic"},"2":{"kind":"basic"},"3":{"kind":"limit","limit":{"kind":"on_demand"}},"4":{"kind":"limit","limit":{"kind":"on_demand"}},"5":{"kind":"limit","limit":{"kind":"on_demand"}}}},
    {"code":"dial_up_internet","name":{"zh":"拨号上网","en":"Dial-up internet"},"basic":{"kind":"calendar_days","days":1},"byStar":{"1":{"kind":"basic"},"2":{"kind":"basic"},"3":{"kind":"limit","limit":{"kind":"on_demand"}},"4":{"kind":"limit","limit":{"kind":"on_demand"}},"5":{"kind":"limit","limit":{"kind":"on_demand"}}}},
    {"code":"broadband_provisioning","name":{"zh":"ADSL/LAN 宽带开通","en":"ADSL / LAN broadband provisioning"},"basic":{"kind":"working_days","days":15},"byStar":{"1":{"kind":"basic"},"2":{"kind":"basic"},"3":{"kind":"limit","limit":{"kind":"on_demand"}},"4":{"kind":"limit","limit":{"kind":"on_demand"}},"5":{"kind":"limit","limit":{"kind":"on_demand"}}}},
    {"code":"idc","name":{"zh":"IDC","en":"IDC"},"basic":{"kind":"on_demand"},"byStar":{"1":{"kind":"basic"},"2":{"kind":"basic"},"3":{"kind":"limit","limit":{"kind":"on_demand"}},"4":{"kind":"limit","limit":{"kind":"on_demand"}},"5":{"kind":"limit","limit":{"kind":"on_demand"}}}},
    {"code":"digital_circuit_provisioning","name":{"zh":"数字电路开通","en":"Digital circuit provisioning"},"basic":{"kind":"by_scope","limits":{"local":{"kind":"working_days","days":15},"intra_province":{"kind":"working_days","days":20},"inter_province":{"kind":"working_days","days":30}}},"byStar":{"1":{"kind":"percentile","target":{"percentile":90,"withinWorkdays":20}},"2":{"kind":"percentile","target":{"percentile":90,"withinWorkdays":20}},"3":{"kind":"percentile","target":{"percentile":90,"withinWorkdays":20},"note":{"zh":"光纤终端到客户端","en":"Fibre terminal to the customer premises"}},"4":{"kind":"percentile","target":{"percentile":95,"withinWorkdays":20},"note":{"zh":"光纤终端到客户端","en":"Fibre terminal to the customer premises"}},"5":{"kind":"percentile","target":{"percentile":95,"withinWorkdays":20},"note":{"zh":"光纤终端到客户端","en":"Fibre terminal to the customer premises"}}}},
    {"code":"data_circuit_provisioning","name":{"zh":"数据电路开通","en":"Data circuit provisioning"},"basic":{"kind":"by_scope","limits":{"local":{"kind":"working_days","days":20},"intra_province":{"kind":"working_days","days":25},"inter_province":{"kind":"working_days","days":30}}},"byStar":{"1":{"kind":"percentile","target":{"percentile":90,"withinWorkdays":20}},"2":{"kind":"percentile","target":{"percentile":90,"withinWorkdays":20}},"3":{"kind":"percentile","target":{"percentile":90,"withinWorkdays":20},"note":{"zh":"光纤终端到客户端","en":"Fibre terminal to the customer premises"}},"4":{"kind":"percentile","target":{"percentile":95,"withinWorkdays":20},"note":{"zh":"光纤终端到客户端","en":"Fibre terminal to the customer premises"}},"5":{"kind":"percentile","target":{"percentile":95,"withinWorkdays":20},"note":{"zh":"光纤终端到客户端","en":"Fibre terminal to the customer premises"}}}},
    {"code":"delivery_visit","name":{"zh":"交付上门","en":"Delivery visit after go-live (KA HQ)"},"basic":{"kind":"working_days","days":3}},
    {"code":"revisit_after_provisioning","name":{"zh":"开通后回访","en":"Revisit after provisioning"},"basic":{"kind":"calendar_days","days":7}},
    {"code":"revisit_after_fault","name":{"zh":"故障后回访","en":"Revisit after a fault closes"},"basic":{"kind":"calendar_days","days":3}}
  ]'
);

INSERT INTO sla_rule_versions (version, seq, effective_from, source, author, reason, rules) VALUES (
  'ct-sla-2008.1', 1, '2008-01-01',
  'China Telecom KA SLA pilot (DDN, FR/ATM, digital circuits); DOMAIN §3.10 [S2] [Op], §8 #7',
  'system', 'Built-in China Telecom provisioning SLA tiers',
  '{"compensationBase":"charged_fee","tiers":{
    "urgent":{"label":{"zh":"特急","en":"Top urgency"},"limitWorkdays":{"digital_circuit":5,"ddn":8,"fr_atm":8},"priceMultiplierBp":15000,"compensationBpPerOverdueWorkday":500,"compensationCapBp":10000},
    "expedited":{"label":{"zh":"加急","en":"Expedited"},"limitWorkdays":{"digital_circuit":10,"ddn":13,"fr_atm":13},"priceMultiplierBp":13000,"compensationBpPerOverdueWorkday":500,"compensationCapBp":10000},
    "normal":{"label":{"zh":"普通","en":"Normal"},"limitWorkdays":{"digital_circuit":20,"ddn":20,"fr_atm":20},"priceMultiplierBp":10000,"compensationBpPerOverdueWorkday":200,"compensationCapBp":10000}
  }}'
);
