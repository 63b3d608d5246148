import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_SERVICE_CATALOGUE } from '@patron/domain';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

type Client = ReturnType<TestApp['as']>;

function errorOf(response: { json(): unknown }) {
  return (response.json() as { error: { code: string; details: { path: string; message: string }[] } }).error;
}

/** The seeded catalogue as JSON carries it (star keys become strings). */
const seededItems = JSON.parse(JSON.stringify(CT_SERVICE_CATALOGUE.items)) as Record<string, unknown>[];

describe.each(testDatabaseKinds())('service catalogue over HTTP on %s', (kind) => {
  let t: TestApp;
  let am: Client;
  let pm: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(kind);
    am = t.as(await t.login('am_a'));
    pm = t.as(await t.login('pm_demo'));
    admin = t.as(await t.login('admin'));
  });
  afterAll(() => t.close());

  it('serves the seeded China Telecom catalogue to anyone signed in', async () => {
    const response = await am.get('/api/v1/service-catalogue');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ version: 'ct-ka-service-2008.1', effectiveFrom: '2008-01-01', author: 'system', items: seededItems });
    expect((await am.get('/api/v1/service-catalogue?on=2001-05-01')).json().version).toBe('ct-ka-service-2008.1');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/service-catalogue' })).statusCode).toBe(401);
  });

  it.each([
    ['item=digital_circuit_provisioning&scope=inter_province', { limit: { kind: 'working_days', days: 30 }, from: 'basic', scope: 'inter_province', star: null, budget: { unit: 'working_days', amount: 30 } }],
    ['item=digital_circuit_provisioning&scope=local&star=5', { limit: { kind: 'working_days', days: 15 }, from: 'basic', star: 5, percentileTarget: { percentile: 95, withinWorkdays: 20 } }],
    ['item=fixed_line_installation&star=3', { limit: { kind: 'working_days', days: 1 }, from: 'star', star: 3 }],
    ['item=fixed_line_installation&star=0', { limit: { kind: 'working_days', days: 2 }, from: 'basic', star: null }],
    ['item=fixed_line_installation&star=5', { limit: { kind: 'on_demand' }, from: 'star', budget: null }],
    ['item=fixed_line_restore&star=2', { limit: { kind: 'hours', hours: 3, basis: 'clock' }, budget: { unit: 'clock_minutes', amount: 180 } }],
  ])('looks up %s', async (query, expected) => {
    const response = await am.get(`/api/v1/service-catalogue/limit?${query}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ catalogueVersion: 'ct-ka-service-2008.1', ...expected });
  });

  it.each([
    ['item=teleportation', 'sla.unknown_service_item', 'query.item'],
    ['item=digital_circuit_provisioning', 'sla.scope_required', 'query.scope'],
    ['item=fixed_line_installation&star=6', 'validation.failed', 'query.star'],
    ['item=fixed_line_installation&star=two', 'validation.failed', 'query.star'],
    ['item=digital_circuit_provisioning&scope=international', 'validation.failed', 'query.scope'],
    ['star=1', 'validation.failed', 'query.item'],
    ['item=idc&on=2026-02-30', 'validation.failed', 'query.on'],
  ])('refuses %s with %s at %s', async (query, code, path) => {
    const response = await am.get(`/api/v1/service-catalogue/limit?${query}`);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code });
    expect(errorOf(response).details.map((d) => d.path)).toEqual([path]);
  });

  describe('new versions', () => {
    const faster = seededItems.map((item) => (item.code === 'delivery_visit' ? { ...item, basic: { kind: 'working_days', days: 2 } } : item));
    const body = { effectiveFrom: '2027-01-01', items: faster, reason: '交付上门提速到 2 个工作日' };

    it('are for rule.manage holders only', async () => {
      expect((await am.send('POST', '/api/v1/service-catalogue/versions', body)).statusCode).toBe(403);
      expect((await admin.send('POST', '/api/v1/service-catalogue/versions', body)).statusCode).toBe(403);
    });

    const cases: [label: string, bad: unknown, path: string][] = [
      ['yesterday', { ...body, effectiveFrom: '2026-11-22' }, 'body.effectiveFrom'],
      ['a date that does not exist', { ...body, effectiveFrom: '2027-02-29' }, 'body.effectiveFrom'],
      ['no reason', { ...body, reason: '' }, 'body.reason'],
      ['no items', { ...body, items: [] }, 'body.items'],
      ['an unknown unit', { ...body, items: [{ ...faster[0], basic: { kind: 'weeks', weeks: 2 } }] }, 'body.items.0.basic.kind'],
      ['zero days', { ...body, items: [{ ...faster[0], basic: { kind: 'working_days', days: 0 } }] }, 'body.items.0.basic.days'],
      ['negative days', { ...body, items: [{ ...faster[0], basic: { kind: 'working_days', days: -3 } }] }, 'body.items.0.basic.days'],
      ['zero hours', { ...body, items: [{ ...faster[0], basic: { kind: 'hours', hours: 0, basis: 'clock' } }] }, 'body.items.0.basic.hours'],
      ['an unknown hour basis', { ...body, items: [{ ...faster[0], basic: { kind: 'hours', hours: 4, basis: 'lunar' } }] }, 'body.items.0.basic.basis'],
      ['star 6', { ...body, items: [{ ...faster[0], byStar: { 6: { kind: 'basic' } } }] }, 'body.items.0.byStar.6'],
      ['star 0', { ...body, items: [{ ...faster[0], byStar: { 0: { kind: 'basic' } } }] }, 'body.items.0.byStar.0'],
      ['a missing scope',
        { ...body, items: [{ ...faster[0], basic: { kind: 'by_scope', limits: { local: { kind: 'working_days', days: 15 }, intra_province: { kind: 'working_days', days: 20 } } } }] },
        'body.items.0.basic.limits.inter_province',
      ],
      ['a duplicate code', { ...body, items: [faster[0], faster[0]] }, 'body.items.1.code'],
    ];
    it.each(cases)('are validated: %s', async (_label, bad, path) => {
      const response = await pm.send('POST', '/api/v1/service-catalogue/versions', bad);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('validation.failed');
      expect(errorOf(response).details.map((d) => d.path)).toContain(path);
    });

    it('take effect from their date, with the old version still answering for earlier dates', async () => {
      const created = await pm.send('POST', '/api/v1/service-catalogue/versions', body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ version: 'v2', effectiveFrom: '2027-01-01', author: 'pm_demo', reason: body.reason });
      // Effective today is not "in the past".
      const today = await pm.send('POST', '/api/v1/service-catalogue/versions', { ...body, effectiveFrom: '2026-11-23', items: seededItems, reason: '重申' });
      expect(today.statusCode).toBe(201);

      expect((await am.get('/api/v1/service-catalogue')).json().version).toBe('v3');
      expect((await am.get('/api/v1/service-catalogue?on=2026-11-22')).json().version).toBe('ct-ka-service-2008.1');
      expect((await am.get('/api/v1/service-catalogue/limit?item=delivery_visit&on=2027-01-01')).json()).toMatchObject({ catalogueVersion: 'v2', limit: { kind: 'working_days', days: 2 } });
      expect((await am.get('/api/v1/service-catalogue/limit?item=delivery_visit')).json()).toMatchObject({ catalogueVersion: 'v3', limit: { days: 3 } });
      const versions = (await am.get('/api/v1/service-catalogue/versions')).json();
      expect(versions.items.map((v: { version: string }) => v.version)).toEqual(['v2', 'v3', 'ct-ka-service-2008.1']);

      const audit = (await admin.get('/api/v1/audit-events?action=service_catalogue.create')).json();
      expect(audit.total).toBe(2);
      expect(audit.items[1]).toMatchObject({ actorName: 'pm_demo', entityId: 'v2', reason: body.reason });
    });
  });
});
