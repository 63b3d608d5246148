import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs, logout } from './support/app';
import { useJourney } from './support/journey';

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
    token = ((await sent.json()) as { token: string }).token;
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
