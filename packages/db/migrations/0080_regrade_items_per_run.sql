-- A yearly proposal writes up to a million items in one statement. Measured with the regrade benchmark
-- at 1,000,000 customers, maintaining the primary key row by row took 7 s of a 15 s proposal, while
-- building it once over the written rows takes under 1 s. So each run's items get a partition of their
-- own: the proposal fills a plain table, then attaching it as the run's partition builds its index in
-- one sorted pass (regrade.repository proposeRegrade). Reads name the run, so they touch one partition.
-- Writing items any other way fails (no partition for the run), which keeps that single path.
ALTER TABLE regrade_items RENAME TO regrade_items_before_0080;
ALTER INDEX regrade_items_pkey RENAME TO regrade_items_before_0080_pkey;

CREATE TABLE regrade_items (
  run_id            bigint NOT NULL,
  customer_id       bigint NOT NULL,
  org_unit_id       bigint NOT NULL,
  movement          text NOT NULL CONSTRAINT regrade_items_movement_check CHECK (movement IN ('up', 'down', 'new', 'removed', 'unchanged')),
  from_grade        text NOT NULL,
  to_grade          text NOT NULL,
  from_star         smallint,
  to_star           smallint,
  reason            text NOT NULL,
  measure           bigint NOT NULL,
  tenure_months     integer NOT NULL,
  grade_rule_set_id bigint NOT NULL,
  star_rule_set_id  bigint,
  decision          text NOT NULL DEFAULT 'apply' CONSTRAINT regrade_items_decision_check CHECK (decision IN ('apply', 'keep')),
  decision_reason   text,
  decided_by        text,
  decided_at        timestamptz,
  PRIMARY KEY (run_id, org_unit_id, customer_id),
  CONSTRAINT regrade_items_check CHECK (decision = 'apply' OR decision_reason IS NOT NULL)
) PARTITION BY LIST (run_id);

DO $$
DECLARE
  run bigint;
BEGIN
  FOR run IN SELECT DISTINCT run_id FROM regrade_items_before_0080 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF regrade_items FOR VALUES IN (%s)', 'regrade_items_' || run, run);
  END LOOP;
END $$;
INSERT INTO regrade_items SELECT * FROM regrade_items_before_0080;
DROP TABLE regrade_items_before_0080;
