-- Job runner (docs/adr/0002-job-runner.md). Two kinds of uniqueness that 0001 folded into one index:
--  * an ad-hoc singleton key admits one LIVE job (queued or running); once it finishes the key is free again;
--  * a cron slot (name, schedule_slot) is unique forever, so several runners run each slot once.
ALTER TABLE jobs ADD COLUMN schedule_slot timestamptz;

DROP INDEX jobs_singleton_idx;
CREATE UNIQUE INDEX jobs_singleton_live_idx ON jobs (name, singleton_key)
  WHERE singleton_key IS NOT NULL AND state IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_schedule_slot_idx ON jobs (name, schedule_slot) WHERE schedule_slot IS NOT NULL;

-- Runners look for running jobs whose lock has expired (a crashed or stalled runner) on every tick.
CREATE INDEX jobs_lock_expiry_idx ON jobs (locked_until) WHERE state = 'running';
