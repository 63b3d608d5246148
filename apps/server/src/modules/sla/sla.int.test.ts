import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_PROVISIONING_SLA_RULES, chinaMainlandCalendar, formatFen, quote } from '@patron/domain';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

type Client = ReturnType<TestApp['as']>;

const builtIn = chinaMainlandCalendar();

function errorOf(response: { json(): unknown }) {
  return (response.json() as { error: { code: string; details: { path: string; message: string }[] } }).error;
}

describe.each(testDatabaseKinds())('SLA quotes over HTTP on %s', (kind) => {
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

  const base = { service: 'digital_circuit', standardOneTimeFee: '1000.00', acceptedOn: '2026-01-05' };

  describe('quote', () => {
    it.each([
      // 特急: 5 WD, 150 %, 5 % of the charged fee per overdue WD, capped at the whole charged fee.
      ['urgent', undefined, { deadline: '2026-01-12', chargedOneTimeFee: '1500.00', overdueWorkdays: 0, compensation: '0.00' }],
      ['urgent', '2026-01-12', { deadline: '2026-01-12', chargedOneTimeFee: '1500.00', overdueWorkdays: 0, compensation: '0.00' }],
      ['urgent', '2026-01-14', { deadline: '2026-01-12', chargedOneTimeFee: '1500.00', overdueWorkdays: 2, compensation: '150.00' }],
      ['urgent', '2026-02-06', { deadline: '2026-01-12', chargedOneTimeFee: '1500.00', overdueWorkdays: 19, compensation: '1425.00' }],
      ['urgent', '2026-02-09', { deadline: '2026-01-12', chargedOneTimeFee: '1500.00', overdueWorkdays: 20, compensation: '1500.00' }],
      ['urgent', '2026-03-31', { deadline: '2026-01-12', chargedOneTimeFee: '1500.00', overdueWorkdays: 52, compensation: '1500.00' }],
      // 加急: 10 WD, 130 %, 5 %.
      ['expedited', '2026-01-21', { deadline: '2026-01-19', chargedOneTimeFee: '1300.00', overdueWorkdays: 2, compensation: '130.00' }],
      // 普通: 20 WD, 100 %, 2 %.
      ['normal', '2026-02-04', { deadline: '2026-02-02', chargedOneTimeFee: '1000.00', overdueWorkdays: 2, compensation: '40.00' }],
    ])('%s completed %s', async (tier, completedOn, expected) => {
      const body = { ...base, tier, ...(completedOn === undefined ? {} : { completedOn }) };
      const response = await am.send('POST', '/api/v1/sla/quote', body);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...expected, calendarComplete: true, ruleVersion: 'ct-sla-2008.1' });
      // Cross-check against the pure domain on the built-in calendar.
      const domain = quote(CT_PROVISIONING_SLA_RULES, builtIn, {
        service: 'digital_circuit',
        tier: tier as 'urgent',
        standardOneTimeFeeFen: 100_000,
        acceptedOn: base.acceptedOn,
        ...(completedOn === undefined ? {} : { completedOn }),
      });
      expect([domain.deadline, formatFen(domain.compensationFen), domain.overdueWorkdays]).toEqual([expected.deadline, expected.compensation, expected.overdueWorkdays]);
    });

    it('counts working days through Spring Festival 2026 with its make-up Saturdays', async () => {
      const response = await am.send('POST', '/api/v1/sla/quote', { service: 'ddn', tier: 'normal', standardOneTimeFee: '12345.67', acceptedOn: '2026-02-02', completedOn: '2026-03-10' });
      expect(response.json()).toEqual({
        deadline: '2026-03-06',
        chargedOneTimeFee: '12345.67',
        overdueWorkdays: 2,
        compensation: '493.83',
        calendarComplete: true,
        ruleVersion: 'ct-sla-2008.1',
      });
    });

    it('rounds fees half up to the fen', async () => {
      const response = await am.send('POST', '/api/v1/sla/quote', { ...base, tier: 'expedited', standardOneTimeFee: '0.05' });
      expect(response.json()).toMatchObject({ chargedOneTimeFee: '0.07' });
    });

    it('says so when the deadline runs into a year without a schedule', async () => {
      const response = await am.send('POST', '/api/v1/sla/quote', { ...base, tier: 'normal', acceptedOn: '2026-12-20' });
      expect(response.json()).toMatchObject({ calendarComplete: false });
    });

    it('compares the three tiers side by side', async () => {
      const response = await am.send('POST', '/api/v1/sla/quote/compare', { service: 'fr_atm', standardOneTimeFee: '1000', acceptedOn: '2026-09-28' });
      expect(response.statusCode).toBe(200);
      const reply = response.json();
      expect(reply).toMatchObject({ service: 'fr_atm', standardOneTimeFee: '1000.00', calendar: 'CN', ruleVersion: 'ct-sla-2008.1', compensationBase: 'charged_fee', calendarComplete: true, completedOn: null });
      expect(reply.tiers).toEqual([
        {
          tier: 'urgent',
          label: { zh: '特急', en: 'Top urgency' },
          limitWorkdays: 8,
          // Sep 29, 30, Oct 8, 9, 10 (make-up Saturday), 12, 13, 14.
          deadline: '2026-10-14',
          pricePercent: '150%',
          chargedOneTimeFee: '1500.00',
          compensationPerOverdueWorkday: '75.00',
          compensationCap: '1500.00',
          overdueWorkdays: 0,
          compensation: '0.00',
          calendarComplete: true,
        },
        expect.objectContaining({ tier: 'expedited', limitWorkdays: 13, deadline: '2026-10-21', chargedOneTimeFee: '1300.00', compensationPerOverdueWorkday: '65.00' }),
        expect.objectContaining({ tier: 'normal', limitWorkdays: 20, deadline: '2026-10-30', chargedOneTimeFee: '1000.00', compensationPerOverdueWorkday: '20.00', compensationCap: '1000.00' }),
      ]);
    });

    it.each([
      [{ ...base, tier: 'urgent', service: 'isdn' }, 'body.service'],
      [{ ...base, tier: 'asap' }, 'body.tier'],
      [{ ...base, tier: 'urgent', standardOneTimeFee: '-5.00' }, 'body.standardOneTimeFee'],
      [{ ...base, tier: 'urgent', standardOneTimeFee: 'abc' }, 'body.standardOneTimeFee'],
      [{ ...base, tier: 'urgent', standardOneTimeFee: '12.345' }, 'body.standardOneTimeFee'],
      [{ ...base, tier: 'urgent', standardOneTimeFee: '1e3' }, 'body.standardOneTimeFee'],
      [{ ...base, tier: 'urgent', standardOneTimeFee: '' }, 'body.standardOneTimeFee'],
      [{ ...base, tier: 'urgent', standardOneTimeFee: 1000 }, 'body.standardOneTimeFee'],
      [{ ...base, tier: 'urgent', acceptedOn: '2026-02-30' }, 'body.acceptedOn'],
      [{ ...base, tier: 'urgent', acceptedOn: '2026/01/05' }, 'body.acceptedOn'],
      [{ service: 'ddn', tier: 'urgent', standardOneTimeFee: '1.00' }, 'body.acceptedOn'],
      [{ ...base, tier: 'urgent', completedOn: '2026-01-04' }, 'body.completedOn'],
      [{ ...base, tier: 'urgent', completedOn: '2026-04-31' }, 'body.completedOn'],
    ])('%j → 400 at %s', async (body, path) => {
      const response = await am.send('POST', '/api/v1/sla/quote', body);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'validation.failed' });
      expect(errorOf(response).details.map((d) => d.path)).toEqual([path]);
    });

    it('refuses an unknown calendar, bad compare input, and anonymous callers', async () => {
      const unknown = await am.send('POST', '/api/v1/sla/quote', { ...base, tier: 'urgent', calendar: 'MARS' });
      expect(unknown.statusCode).toBe(400);
      expect(errorOf(unknown)).toMatchObject({ code: 'calendar.unknown_calendar', details: [{ path: 'body.calendar' }] });
      const compare = await am.send('POST', '/api/v1/sla/quote/compare', { service: 'ddn', standardOneTimeFee: '-1', acceptedOn: '2026-02-30' });
      expect(compare.statusCode).toBe(400);
      expect(errorOf(compare).details.map((d) => d.path).sort()).toEqual(['body.acceptedOn', 'body.standardOneTimeFee']);
      const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/sla/quote', payload: { ...base, tier: 'urgent' } });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('SLA rule versions', () => {
    it('serves the version in force and adds future versions for rule.manage holders', async () => {
      const current = await am.get('/api/v1/sla/rules');
      expect(current.statusCode).toBe(200);
      expect(current.json()).toMatchObject({ ruleVersion: 'ct-sla-2008.1', effectiveFrom: '2008-01-01', compensationBase: 'charged_fee', author: 'system' });
      expect(current.json().tiers.urgent).toMatchObject({ limitWorkdays: { digital_circuit: 5, ddn: 8, fr_atm: 8 }, priceMultiplierBp: 15000 });

      const body = { effectiveFrom: '2027-01-01', compensationBase: 'standard_fee', tiers: CT_PROVISIONING_SLA_RULES.tiers, reason: '合同口径: 按标准资费赔付' };
      expect((await am.send('POST', '/api/v1/sla/rules/versions', body)).statusCode).toBe(403);
      expect((await admin.send('POST', '/api/v1/sla/rules/versions', body)).statusCode).toBe(403);
      const past = await pm.send('POST', '/api/v1/sla/rules/versions', { ...body, effectiveFrom: '2026-11-22' });
      expect(past.statusCode).toBe(400);
      expect(errorOf(past).details.map((d) => d.path)).toEqual(['body.effectiveFrom']);
      const negative = await pm.send('POST', '/api/v1/sla/rules/versions', {
        ...body,
        tiers: { ...CT_PROVISIONING_SLA_RULES.tiers, normal: { ...CT_PROVISIONING_SLA_RULES.tiers.normal, compensationBpPerOverdueWorkday: -1 } },
      });
      expect(errorOf(negative).details.map((d) => d.path)).toEqual(['body.tiers.normal.compensationBpPerOverdueWorkday']);

      const created = await pm.send('POST', '/api/v1/sla/rules/versions', body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ ruleVersion: 'v2', effectiveFrom: '2027-01-01', compensationBase: 'standard_fee', author: 'pm_demo' });
      expect((await am.get('/api/v1/sla/rules/versions')).json().items.map((v: { ruleVersion: string }) => v.ruleVersion)).toEqual(['v2', 'ct-sla-2008.1']);
      expect((await am.get('/api/v1/sla/rules?on=2027-01-01')).json().ruleVersion).toBe('v2');

      // Quotes use the rules in force on the acceptance date.
      const before = await am.send('POST', '/api/v1/sla/quote', { ...base, tier: 'urgent', acceptedOn: '2026-12-01', completedOn: '2026-12-10' });
      expect(before.json()).toMatchObject({ ruleVersion: 'ct-sla-2008.1', deadline: '2026-12-08', overdueWorkdays: 2, compensation: '150.00' });
      const after = await am.send('POST', '/api/v1/sla/quote', { ...base, tier: 'urgent', acceptedOn: '2027-03-01', completedOn: '2027-03-10' });
      expect(after.json()).toMatchObject({ ruleVersion: 'v2', deadline: '2027-03-08', overdueWorkdays: 2, compensation: '100.00', calendarComplete: false });

      const audit = (await admin.get('/api/v1/audit-events?action=sla_rules.create')).json();
      expect(audit.items[0]).toMatchObject({ actorName: 'pm_demo', entityId: 'v2', reason: '合同口径: 按标准资费赔付' });
    });
  });
});
