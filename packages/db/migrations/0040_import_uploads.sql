-- Import uploads and commit progress live in the database, not on the app node that took the
-- upload, so stateless nodes behind a load balancer can preview, commit and report on any run.

ALTER TABLE import_runs
  ADD COLUMN file_format        text CHECK (file_format IN ('csv', 'xlsx')),
  -- An authorised uploader let rows put managers over their load limits; audited with the run.
  ADD COLUMN override_reason    text,
  -- Set while a node commits the run; a commit whose heartbeat stopped (node died) may be taken over.
  ADD COLUMN commit_started_at  timestamptz,
  ADD COLUMN commit_progress_at timestamptz,
  ADD COLUMN commit_rows        integer;

-- The uploaded file and its row errors (JSON lines, the rejects file's source) in chunks of about
-- 1 MB: streamed in and out a chunk at a time, so memory stays flat for a 200 MB upload.
CREATE TABLE import_files (
  run_id      bigint NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
  part        text NOT NULL CHECK (part IN ('upload', 'errors')),
  seq         integer NOT NULL,
  bytes       bytea NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (run_id, part, seq)
);
CREATE INDEX import_files_expiry_idx ON import_files (expires_at);
