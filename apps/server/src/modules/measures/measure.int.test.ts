import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { KA_SATISFACTION_QUESTIONNAIRE } from '@patron/domain';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { runComplaintEscalationScan } from '../complaints/complaint.service';
import { setClock, signIn, type Api } from '../work-orders/work-order.test-support';

const log = (api: Api, customerNo: string, extra: Record<string, unknown> = {}) =>
  api.post('/api/v1/complaints', { customerNo, channel: 'hotline', category: 'network_quality', severity: 'medium', description: '宽带经常掉线', ...extra });
const step = (api: Api, id: number, to: string, extra: Record<string, unknown> = {}) => api.post(`/api/v1/complaints/${id}/transitions`, { to, ...extra });
const RANGE = 'from=2026-10&to=2026-11';

/** Dimension scores 80, 50, 100, 50, 80: with 20% each the index is 72. */
const MIXED = { reliability: 10, fit: 6, promotion: 5, consultation: 5, ordering: 10, provisioning_speed: 10, billing_and_faults: 0, repair_speed: 10, am_timely: 9, am_competence: 7 };
const ALL_TENS = Object.fromEntries(KA_SATISFACTION_QUESTIONNAIRE.questions.map((q) => [q.code, 10]));
const ASPECTS = { proactive: 5, problem_solving: 4, promises_kept: 4, business_knowledge: 5 };

describe.each(testDatabaseKinds())('service measure roll-ups on %s', (kind) => {
  let t: TestApp;

  /** One resolved complaint: am_a on C1 in October, revisited on time and satisfied (closed). */
  const seed = async () => {
    await t.db.run(sql`INSERT INTO lines (line_no, customer_id, type, status)
      SELECT v.no, c.id, 'broadband', v.status FROM (VALUES ('L-1', 'C0000000001', 'normal'), ('L-2', 'C0000000001', 'normal'), ('L-3', 'C0000000003', 'normal'),
        ('L-4', 'C0000000003', 'cancelled'), ('L-5', 'C0000000004', 'normal')) AS v(no, customer, status) JOIN customers c ON c.customer_no = v.customer`);

    setClock(t, '2026-10-12T02:00:00Z');
    const amA = await signIn(t, 'am_a');
    const amB = await signIn(t, 'am_b');
    const october = (await log(amA, 'C0000000001')).json().id;
    await step(amA, october, 'assigned');
    await step(amA, october, 'processing');
    await step(amA, october, 'resolved', { resolution: '更换光猫', rootCause: 'value', rootCauseDetail: '设备老化' });
    // Another district: a hot complaint (starts at level 2), left open.
    expect((await log(amB, 'C0000000004', { description: '再不解决我就找律师' })).json()).toMatchObject({ hot: true, level: 2 });
    setClock(t, '2026-10-13T02:00:00Z');
    // Sessions lapse when the test clock jumps: sign in again at each new time.
    const agent = await signIn(t, 'agent');
    const firstRevisit = (await agent.get(`/api/v1/revisits?complaintId=${october}`)).json().items[0];
    expect((await agent.post(`/api/v1/revisits/${firstRevisit.id}/calls`, { reached: true, outcome: 'satisfied', satisfaction: 5 })).statusCode).toBe(200);

    // November: a repeat on C1 that breaches level 1; am_a2's complaint on C3 rejected in a late revisit.
    setClock(t, '2026-11-02T02:00:00Z');
    expect((await log(await signIn(t, 'am_a'), 'C0000000001')).json()).toMatchObject({ repeat: true });
    setClock(t, '2026-11-03T02:00:00Z');
    const amA2 = await signIn(t, 'am_a2');
    const billing = (await log(amA2, 'C0000000003', { category: 'billing', description: '账单多收费' })).json().id;
    await step(amA2, billing, 'assigned');
    await step(amA2, billing, 'processing');
    await step(amA2, billing, 'resolved', { resolution: '退还多收费用', rootCause: 'people', rootCauseDetail: '营业员录入错误' });
    await runComplaintEscalationScan(t.db, new Date('2026-11-04T02:00:00Z'));
    setClock(t, '2026-11-10T02:00:00Z');
    const desk = await signIn(t, 'agent');
    const late = (await desk.get(`/api/v1/revisits?complaintId=${billing}`)).json().items[0];
    expect((await desk.post(`/api/v1/revisits/${late.id}/calls`, { reached: true, outcome: 'unsatisfied', satisfaction: 2 })).statusCode).toBe(200);
    expect((await step(await signIn(t, 'am_a2'), billing, 'resolved', { resolution: '已补退并致歉' })).statusCode).toBe(200);

    // Surveys in November: approval for three VIPs and one 贵宾, satisfaction for two of am_a's customers.
    for (const [customerNo, approve] of [['C0000000001', 1], ['C0000000002', 0], ['C0000000003', 1], ['C0000000004', 1]] as const) {
      const invitation = (await desk.post('/api/v1/surveys/invitations', { customerNo, questionnaire: 'am_approval', channel: 'outbound_call' })).json();
      expect((await desk.post(`/api/v1/surveys/invitations/${invitation.id}/answers`, { answers: { ...ASPECTS, approve } })).statusCode).toBe(201);
    }
    for (const [customerNo, answers] of [['C0000000001', MIXED], ['C0000000002', ALL_TENS]] as const) {
      const invitation = (await desk.post('/api/v1/surveys/invitations', { customerNo, questionnaire: 'ka_satisfaction', channel: 'outbound_call' })).json();
      expect((await desk.post(`/api/v1/surveys/invitations/${invitation.id}/answers`, { answers })).statusCode).toBe(201);
    }
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await seed();
    setClock(t, '2026-12-05T02:00:00Z');
  });
  afterAll(() => t.close());

  it('rolls complaints up per district with the monthly trend: per 10,000 lines, repeat, first contact, on time per level, root causes', async () => {
    const city = await signIn(t, 'cm_1');
    const response = await city.get(`/api/v1/measures/complaints?by=district&${RANGE}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ by: 'district', from: '2026-10', to: '2026-11' });
    expect(body.rows.map((row: { key: string }) => row.key)).toEqual(['DEMO-01-01', 'DEMO-01-02']);
    expect(body.rows[0]).toMatchObject({
      label: '天河区',
      total: 3,
      lines: 3,
      perTenThousandLines: 10000,
      repeat: 1,
      repeatRate: 0.3333,
      hot: 0,
      escalated: 1,
      reopened: 1,
      resolved: 2,
      firstContactResolved: 1,
      firstContactRate: 0.5,
      rootCauses: { value: 1, system: 0, people: 1 },
    });
    // Three complaints left level 1 (the billing one twice, both times in time); the repeat breached it.
    expect(body.rows[0].levels[0]).toMatchObject({ level: 1, exits: 3, onTime: 2, onTimeRate: 0.6667 });
    expect(body.rows[1]).toMatchObject({ label: '越秀区', total: 1, lines: 1, hot: 1 });
    expect(body.trend.map((row: { key: string; total: number }) => [row.key, row.total])).toEqual([['2026-10', 2], ['2026-11', 2]]);
    expect(body.total).toMatchObject({ total: 4, lines: 4, perTenThousandLines: 10000 });
  });

  it('scopes every roll-up: a district manager sees only the district, an account manager only the own customers', async () => {
    const dm = await signIn(t, 'dm_a');
    const byManager = (await dm.get(`/api/v1/measures/complaints?by=manager&${RANGE}`)).json();
    expect(byManager.rows.map((row: { key: string; total: number }) => [row.key, row.total])).toEqual([['am_a', 2], ['am_a2', 1]]);
    expect(byManager.total.total).toBe(3);

    const am = await signIn(t, 'am_a');
    const own = (await am.get(`/api/v1/measures/surveys?by=manager&${RANGE}`)).json();
    expect(own.rows.map((row: { key: string }) => row.key)).toEqual(['am_a']);
    const revisits = (await am.get(`/api/v1/measures/revisits?by=team&${RANGE}`)).json();
    expect(revisits.total).toMatchObject({ due: 1, done: 1 });

    const analyst = await signIn(t, 'analyst');
    const counted = (await analyst.get(`/api/v1/measures/complaints?by=city&${RANGE}`)).json();
    expect(counted.rows).toEqual([expect.objectContaining({ key: 'DEMO-01', total: 4 })]);
  });

  it('measures revisits: rate (target 100%), timeliness and satisfaction per manager and month', async () => {
    const dm = await signIn(t, 'dm_a');
    const body = (await dm.get(`/api/v1/measures/revisits?by=manager&${RANGE}`)).json();
    expect(body.rows).toEqual([
      expect.objectContaining({ key: 'am_a', due: 1, done: 1, onTime: 1, satisfied: 1, rate: 1, timeliness: 1, satisfaction: 1, meanScore: 5 }),
      expect.objectContaining({ key: 'am_a2', due: 2, done: 1, pending: 1, onTime: 0, unsatisfied: 1, rate: 0.5, timeliness: 0, satisfaction: 0, meanScore: 2 }),
    ]);
    expect(body.trend.map((row: { key: string; due: number }) => [row.key, row.due])).toEqual([['2026-10', 1], ['2026-11', 2]]);
    expect(body.total).toMatchObject({ due: 3, done: 2, rate: 0.6667, timeliness: 0.5, satisfaction: 0.5 });
  });

  it('measures approval (VIP and 贵宾 apart) and the weighted satisfaction index with its five dimensions', async () => {
    const city = await signIn(t, 'cm_1');
    const body = (await city.get(`/api/v1/measures/surveys?by=manager&${RANGE}`)).json();
    const amA = body.rows.find((row: { key: string }) => row.key === 'am_a');
    // 72 and 100: the mean index 86 is Σ 20% × the mean dimension scores (90, 75, 100, 75, 90).
    expect(amA).toMatchObject({
      vip: { surveyed: 2, approving: 1, rate: 0.5 },
      guest: { surveyed: 0, approving: 0, rate: null },
      answers: 2,
      index: 86,
      dimensions: { product_quality: 90, pre_sales: 75, in_sales: 100, after_sales: 75, am_service: 90 },
    });
    const weighted = KA_SATISFACTION_QUESTIONNAIRE.dimensions.reduce((sum, d) => sum + (d.weight * amA.dimensions[d.code]) / 100, 0);
    expect(weighted).toBeCloseTo(amA.index, 6);
    expect(body.rows.find((row: { key: string }) => row.key === 'am_a2')).toMatchObject({ guest: { surveyed: 1, approving: 1, rate: 1 }, answers: 0, index: null });
    expect(body.total).toMatchObject({ vip: { surveyed: 3, approving: 2 }, guest: { surveyed: 1, approving: 1 }, answers: 2, index: 86 });
    expect(body.trend).toEqual([expect.objectContaining({ key: '2026-11', answers: 2 })]);
  });

  it('drills down: each number’s list has exactly as many rows, in the same scope', async () => {
    const dm = await signIn(t, 'dm_a');
    const total = async (url: string) => {
      const response = await dm.get(url);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().total;
    };
    expect(await total(`/api/v1/complaints?manager=am_a&${RANGE}`)).toBe(2);
    expect(await total(`/api/v1/complaints?orgUnit=DEMO-01-01&${RANGE}&repeat=true`)).toBe(1);
    expect(await total(`/api/v1/complaints?team=DEMO-01-01-T01&${RANGE}&reopened=true`)).toBe(1);
    expect(await total(`/api/v1/complaints?orgUnit=DEMO-01-01&${RANGE}&firstContactResolved=true`)).toBe(1);
    expect(await total(`/api/v1/complaints?orgUnit=DEMO-01-01&${RANGE}&levelExit=1`)).toBe(3);
    expect(await total(`/api/v1/complaints?orgUnit=DEMO-01-01&${RANGE}&levelExit=1&levelOnTime=true`)).toBe(2);
    expect(await total(`/api/v1/complaints?orgUnit=DEMO-01-01&${RANGE}&levelExit=1&levelOnTime=false`)).toBe(1);
    expect(await total(`/api/v1/complaints?orgUnit=DEMO-01-01&from=2026-11&to=2026-11&escalated=true`)).toBe(1);
    expect(await total(`/api/v1/revisits?manager=am_a2&${RANGE}&outcome=unsatisfied&status=done`)).toBe(1);
    expect(await total(`/api/v1/revisits?orgUnit=DEMO-01-01&${RANGE}&onTime=true`)).toBe(1);
    expect(await total(`/api/v1/survey-responses?manager=am_a&kind=approval&customerClass=vip&approves=true&${RANGE}`)).toBe(1);
    const answers = (await dm.get(`/api/v1/survey-responses?kind=satisfaction&${RANGE}`)).json();
    expect(answers.items.map((item: { customerNo: string; index: number }) => [item.customerNo, item.index])).toEqual([['C0000000002', 100], ['C0000000001', 72]]);
    // The other district's answers are not the district manager's to read.
    expect(await total(`/api/v1/survey-responses?orgUnit=DEMO-01-02`)).toBe(0);
  });

  it('exports each table as XLSX: headers in the language asked, rates as percents, formulas escaped, audited', async () => {
    await t.db.run(sql`UPDATE org_units SET name = '=SUM(1)组' WHERE code = 'DEMO-01-01-T01'`);
    const city = await signIn(t, 'cm_1');
    const response = await city.get(`/api/v1/measures/surveys/export?by=team&${RANGE}&lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="survey-measures-team-2026-10-2026-11.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [table, trend] = workbook.worksheets;
    expect(table!.name).toBe('Survey measures');
    expect((table!.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['Team', 'VIP surveyed', 'VIP approving', 'VIP approval rate']);
    expect(table!.getRow(2).getCell(1).value).toBe("'=SUM(1)组 (DEMO-01-01-T01)");
    expect(table!.getRow(2).getCell(4).value).toBe(0.5);
    expect(table!.getRow(2).getCell(4).numFmt).toBe('0.0%');
    expect(table!.getRow(2).getCell(9).value).toBe(86);
    expect(table!.getRow(table!.rowCount).getCell(1).value).toBe('Total');
    expect(trend!.getRow(2).getCell(1).value).toBe('2026-11');

    const complaints = await city.get(`/api/v1/measures/complaints/export?by=district&${RANGE}`);
    const zh = new ExcelJS.Workbook();
    await zh.xlsx.load(complaints.rawPayload as unknown as ArrayBuffer);
    expect(zh.worksheets[0]!.getRow(1).getCell(1).value).toBe('县区');
    expect(zh.worksheets[0]!.getRow(2).getCell(2).value).toBe(3);
    const revisits = await city.get(`/api/v1/measures/revisits/export?by=month&${RANGE}`);
    expect(revisits.statusCode).toBe(200);

    const audit = await t.db.rows<{ entity_id: string; after: unknown }>(
      sql`SELECT entity_id, after FROM audit_events WHERE action = 'measure.export' ORDER BY id`,
    );
    expect(audit).toEqual([
      { entity_id: 'survey', after: { by: 'team', from: '2026-10', to: '2026-11' } },
      { entity_id: 'complaint', after: { by: 'district', from: '2026-10', to: '2026-11' } },
      { entity_id: 'revisit', after: { by: 'month', from: '2026-10', to: '2026-11' } },
    ]);
  });

  it('answers bad ranges and dimensions with 400 and the field path; without a range, the last twelve months', async () => {
    const city = await signIn(t, 'cm_1');
    const paths = async (query: string) => {
      const response = await city.get(`/api/v1/measures/complaints?${query}`);
      expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.failed');
      return response.json().error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths('from=2026-11&to=2026-10')).toEqual(['query.to']);
    expect(await paths('from=2026-11')).toEqual(['query.to']);
    expect(await paths('from=2024-01&to=2026-10')).toEqual(['query.to']);
    expect(await paths('by=street')).toEqual(['query.by']);
    expect(await paths('from=2026-13&to=2026-13')).toContain('query.from');
    expect((await city.get('/api/v1/measures/revisits')).json()).toMatchObject({ by: 'district', from: '2026-01', to: '2026-12' });
  });
});
