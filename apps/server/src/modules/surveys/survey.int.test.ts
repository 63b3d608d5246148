import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { KA_SATISFACTION_QUESTIONNAIRE } from '@patron/domain';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { setClock, signIn } from '../work-orders/work-order.test-support';

const allTens = Object.fromEntries(KA_SATISFACTION_QUESTIONNAIRE.questions.map((q) => [q.code, 10]));

describe.each(testDatabaseKinds())('surveys on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('a one-time mobile link: no login, answered once, scores inside the scale, the version stored', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const agent = await signIn(t, 'agent');
    const sent = await agent.post('/api/v1/surveys/invitations', { customerNo: 'C0000000002', questionnaire: 'ka_satisfaction', channel: 'mobile_link' });
    expect(sent.statusCode, sent.body).toBe(201);
    const { token } = sent.json();
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}` });
    expect(page.json()).toMatchObject({ code: 'ka_satisfaction', version: 1 });
    const outside = await t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers: { ...allTens, fit: 11 } } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'survey.score_out_of_scale', details: [{ path: 'answers.fit' }] });
    const answered = await t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers: { ...allTens, reliability: 5, fit: 5 } } });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json()).toMatchObject({ index: 90, dimensions: { product_quality: 50 } });
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers: allTens } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('survey.already_answered');
    const stored = await t.db.first(sql`SELECT questionnaire_code AS code, questionnaire_version AS version FROM survey_responses`);
    expect(stored).toEqual({ code: 'ka_satisfaction', version: 1 });
  });

  it('the outbound call script records the approval survey; the approval rate splits VIP and 贵宾', async () => {
    setClock(t, '2026-11-24T02:00:00Z');
    const agent = await signIn(t, 'agent');
    const aspects = { proactive: 5, problem_solving: 4, promises_kept: 4, business_knowledge: 5 };
    for (const [customerNo, approve] of [['C0000000002', 1], ['C0000000001', 0], ['C0000000003', 1]] as const) {
      const invitation = (await agent.post('/api/v1/surveys/invitations', { customerNo, questionnaire: 'am_approval', channel: 'outbound_call' })).json();
      expect(invitation.token).toBeNull();
      const recorded = await agent.post(`/api/v1/surveys/invitations/${invitation.id}/answers`, { answers: { ...aspects, approve } });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
    const dm = await signIn(t, 'dm_a');
    const measures = (await dm.get('/api/v1/survey-measures?month=2026-11')).json();
    expect(measures.approval).toEqual([
      { accountManager: 'am_a', customerClass: 'vip', surveyed: 2, approving: 1, rate: 0.5 },
      { accountManager: 'am_a2', customerClass: 'guest', surveyed: 1, approving: 1, rate: 1 },
    ]);
    expect(measures.satisfaction).toEqual([expect.objectContaining({ accountManager: 'am_a', answers: 1, index: 90, dimensions: expect.objectContaining({ product_quality: 50 }) })]);
    // Another district's account manager sees none of it.
    const amB = await signIn(t, 'am_b');
    expect((await amB.get('/api/v1/survey-measures?month=2026-11')).json()).toMatchObject({ approval: [], satisfaction: [] });
  });

  it('the editor saves a new version with weights summing to 100; new invitations use it by call script and by link, earlier ones keep theirs', async () => {
    setClock(t, '2026-11-25T02:00:00Z');
    const agent = await signIn(t, 'agent');
    const before = (await agent.post('/api/v1/surveys/invitations', { customerNo: 'C0000000001', questionnaire: 'ka_satisfaction', channel: 'outbound_call' })).json();
    expect(before).toMatchObject({ version: 1 });

    const cm = await signIn(t, 'cm_1');
    const current = (await cm.get('/api/v1/questionnaires/ka_satisfaction')).json();
    expect(current).toMatchObject({ code: 'ka_satisfaction', version: 1, kind: 'satisfaction' });
    const { title, dimensions, questions } = current;
    const reweighted = dimensions.map((d: { code: string }) => ({ ...d, weight: d.code === 'after_sales' ? 40 : 15 }));
    const draft = { title, dimensions: reweighted, questions: [...questions, { code: 'billing_clarity', dimension: 'after_sales', scale: { min: 0, max: 10 }, text: { zh: '账单是否清晰易懂？', en: 'Is the bill clear?' } }] };

    const sum = await cm.post('/api/v1/questionnaires/ka_satisfaction/versions', { ...draft, dimensions: reweighted.map((d: object, i: number) => (i === 0 ? { ...d, weight: 10 } : d)) });
    expect(sum.statusCode).toBe(400);
    expect(sum.json().error).toMatchObject({ code: 'survey.invalid_questionnaire', details: [{ path: 'dimensions' }] });
    const scale = await cm.post('/api/v1/questionnaires/ka_satisfaction/versions', { ...draft, questions: draft.questions.map((q: object, i: number) => (i === 1 ? { ...q, scale: { min: 3, max: 3 } } : q)) });
    expect(scale.json().error).toMatchObject({ code: 'survey.invalid_questionnaire', details: [{ path: 'questions.1.scale.max' }] });
    expect((await agent.post('/api/v1/questionnaires/ka_satisfaction/versions', draft)).statusCode).toBe(403);

    const saved = await cm.post('/api/v1/questionnaires/ka_satisfaction/versions', draft);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ version: 2, versions: [{ version: 2, createdBy: 'cm_1' }, { version: 1 }] });

    const byCall = (await agent.post('/api/v1/surveys/invitations', { customerNo: 'C0000000002', questionnaire: 'ka_satisfaction', channel: 'outbound_call' })).json();
    expect(byCall).toMatchObject({ version: 2, script: { version: 2 } });
    expect(byCall.script.questions.map((q: { code: string }) => q.code)).toContain('billing_clarity');
    const answers = { ...allTens, billing_and_faults: 0, repair_speed: 0, billing_clarity: 0 };
    expect((await agent.post(`/api/v1/surveys/invitations/${byCall.id}/answers`, { answers: allTens })).json().error.code).toBe('survey.answer_missing');
    // after_sales scores 0 and weighs 40%: the index is 60.
    expect((await agent.post(`/api/v1/surveys/invitations/${byCall.id}/answers`, { answers })).json()).toMatchObject({ index: 60, dimensions: { after_sales: 0 } });

    const byLink = (await agent.post('/api/v1/surveys/invitations', { customerNo: 'C0000000003', questionnaire: 'ka_satisfaction', channel: 'mobile_link' })).json();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${byLink.token}` })).json()).toMatchObject({ version: 2 });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${byLink.token}`, payload: { answers: { ...allTens, billing_clarity: 10 } } })).statusCode).toBe(201);

    // The invitation sent before the edit is still scored against version 1 (no billing_clarity).
    expect((await agent.post(`/api/v1/surveys/invitations/${before.id}/answers`, { answers: allTens })).json()).toMatchObject({ index: 100 });
    const versions = await t.db.rows<{ invitation: number; version: number }>(sql`SELECT invitation_id::int AS invitation, questionnaire_version AS version
      FROM survey_responses WHERE invitation_id IN (${before.id}, ${byCall.id}, ${byLink.id}) ORDER BY invitation_id`);
    expect(versions).toEqual([
      { invitation: before.id, version: 1 },
      { invitation: byCall.id, version: 2 },
      { invitation: byLink.id, version: 2 },
    ]);
  });
});
