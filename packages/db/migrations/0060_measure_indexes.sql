-- Service measure roll-ups (docs/complaints.md, Measures) select by a range of business months:
-- revisits by their due time, survey answers of both questionnaires by their answer time. The
-- existing indexes lead with status and kind, which those range scans do not filter on.
CREATE INDEX revisits_due_idx ON revisits (due_at);
CREATE INDEX survey_responses_answered_at_idx ON survey_responses (answered_at);
