-- Breach notices past the top level and past the 15-day final answer, the revisit routing rule
-- (one channel per task: the revisit desk or the outbound agents' queue) and who saved a
-- questionnaire version in the editor.

-- The level-3 deadline whose breach the province was told about: a reopen starts a new level-3
-- period with a new deadline, which is noticed again when it runs out.
ALTER TABLE complaints ADD COLUMN top_breach_noticed_for timestamptz;
-- When the province was told the final answer (15 days at most) ran out; once per complaint.
ALTER TABLE complaints ADD COLUMN final_breach_noticed_at timestamptz;
CREATE INDEX complaints_final_due_idx ON complaints (final_deadline, id)
  WHERE status IN ('received', 'assigned', 'processing', 'escalated') AND final_breach_noticed_at IS NULL;

-- Routing as versioned data, like the complaint rules: the newest version is in force (the code
-- default when none).
CREATE TABLE revisit_routing_versions (
  version     text PRIMARY KEY,
  routing     jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  bigint REFERENCES users (id)
);

ALTER TABLE questionnaires ADD COLUMN created_by bigint REFERENCES users (id);
