-- Account-manager load limits become a kind of versioned rule set (docs/rules.md): HQ publishes them,
-- a province or city may only tighten them. The `assignment.load_limits` setting was the one copy so
-- far; its value moves into HQ's first load_limits set and the setting goes, leaving one source of truth.
ALTER TABLE rule_sets DROP CONSTRAINT rule_sets_kind_check;
ALTER TABLE rule_sets ADD CONSTRAINT rule_sets_kind_check
  CHECK (kind IN ('grading', 'star', 'credit', 'points', 'potential', 'load_limits'));

INSERT INTO rule_sets (kind, org_unit_id, version, name, status, effective_from, body, author, reason, activated_at, activated_by)
SELECT 'load_limits', o.id, 1, '客户经理负荷上限', 'active', DATE '2000-01-01',
  jsonb_build_object(
    'vip', COALESCE((s.value->>'vip')::int, 50),
    'guest', COALESCE((s.value->>'guest')::int, 300)),
  'system', 'Carried over from the assignment.load_limits setting (DOMAIN §3.6 sample: 50 VIP, 300 贵宾)', now(), 'system'
FROM org_units o LEFT JOIN settings s ON s.key = 'assignment.load_limits'
WHERE o.code = 'HQ';

DELETE FROM settings WHERE key = 'assignment.load_limits';
