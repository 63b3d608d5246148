import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs, logout, openNav } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

describe('the city publishes a new questionnaire version in the editor and an outbound agent surveys a customer with it by call script', () => {
  const journey = useJourney();
  const { step } = journey;
  let version = 0;

  step('the city manager re-weights the dimensions (rejected until they total 100%) and adds a question: a new version', async () => {
    const { page } = journey.session;
    await loginAs(page, 'city_manager', demoPassword);
    await openNav(page, 'questionnaires');
    const current = Number(await page.getByTestId('questionnaire-version').getAttribute('data-version'));
    await page.getByTestId('dimension-weight-0').fill('30');
    await expect.poll(() => page.getByTestId('questionnaire-weight-total').getAttribute('data-total')).toBe('110');
    await page.getByTestId('questionnaire-save').click();
    await page.getByTestId('form-error').waitFor();
    await page.getByTestId('dimension-weight-1').fill('10');
    await expect.poll(() => page.getByTestId('questionnaire-weight-total').getAttribute('data-total')).toBe('100');
    await page.getByTestId('question-add').click();
    const added = await page.locator('[data-testid^="question-row-"]').count() - 1;
    await page.getByTestId(`question-code-${added}`).fill('bill_clarity');
    await page.getByTestId(`question-text-${added}`).fill('账单内容是否清晰易懂？');
    await page.getByTestId('questionnaire-save').click();
    await expect.poll(() => page.getByTestId('questionnaire-version').getAttribute('data-version')).toBe(String(current + 1));
    version = current + 1;
    await saveScreenshot(page, 'questionnaire-editor');
    await logout(page);
  });

  step('the outbound agent reads the new version’s call script to a customer and records the answers', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    const { items } = await apiGet<{ items: { customerNo: string }[] }>(page, '/customers?pageSize=3&orgUnit=DEMO-01-01');
    await logout(page);
    await loginAs(page, 'outbound_agent', demoPassword);
    await openNav(page, 'surveySend');
    await page.getByTestId('survey-customer').fill(items[1]!.customerNo);
    await page.getByTestId('survey-send').click();
    await page.getByTestId('survey-call-script').waitFor();
    expect(await page.getByTestId('survey-call-script').textContent()).toContain(`v${version}`);
    const questionnaire = await apiGet<{ version: number; questions: { code: string; scale: { max: number } }[] }>(page, '/questionnaires/ka_satisfaction');
    expect(questionnaire.version).toBe(version);
    expect(questionnaire.questions.map((q) => q.code)).toContain('bill_clarity');
    for (const question of questionnaire.questions) {
      await page.getByTestId(`survey-question-${question.code}`).getByText(String(question.scale.max), { exact: true }).click();
    }
    await page.getByTestId('survey-record').click();
    await page.getByTestId('survey-recorded').waitFor();
    await logout(page);
  });
});

describe('a customer answers the satisfaction survey on the phone through a one-time link, once', () => {
  const journey = useJourney();
  const { step } = journey;
  let token = '';
  let questions: { code: string; scale: { min: number; max: number } }[] = [];

  step('the outbound agent sends a mobile link to a customer of the district', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    const { items } = await apiGet<{ items: { customerNo: string }[] }>(page, '/customers?pageSize=3&orgUnit=DEMO-01-01');
    await logout(page);
    await loginAs(page, 'outbound_agent', demoPassword);
    const sent = await page.request.post('/api/v1/surveys/invitations', {
      data: { customerNo: items[0]!.customerNo, questionnaire: 'ka_satisfaction', channel: 'mobile_link' },
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const created = (await sent.json()) as { token: string; version: number };
    token = created.token;
    // The link carries the version in force, whichever the editor published last.
    expect(created.version).toBe((await apiGet<{ version: number }>(page, '/questionnaires/ka_satisfaction')).version);
    await logout(page);
  });

  step('the customer opens the link without signing in and scores every item', async () => {
    const { page } = journey.session;
    await page.goto(`/survey/${token}`);
    await page.getByTestId('survey-submit').waitFor();
    questions = ((await (await page.request.get(`/api/v1/public/surveys/${token}`)).json()) as { questions: typeof questions }).questions;
    for (const question of questions) {
      await page.getByTestId(`survey-question-${question.code}`).getByText(String(question.scale.max), { exact: true }).click();
    }
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor();
  });

  step('the same link cannot be answered twice', async () => {
    const { page } = journey.session;
    await page.goto(`/survey/${token}`);
    await page.getByTestId('survey-unavailable').waitFor();
    const again = await page.request.post(`/api/v1/public/surveys/${token}`, { data: { answers: {} }, headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(again.status()).toBe(409);
  });
});
