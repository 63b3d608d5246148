import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs, logout } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface PointsLedger {
  balance: number;
  entries: { id: number; kind: string; points: number; status: string }[];
}

/**
 * Points and credit control on the customer page: the account manager requests a points adjustment and
 * grants temporary credit (an eighth day refused by the credit rules); the district manager approves the
 * adjustment and exempts the customer from credit control; the account manager then redeems points.
 */
describe('points and credit control on the customer page', () => {
  const journey = useJourney();
  const { step } = journey;
  let customerId = 0;
  let balanceBefore = 0;

  step('the account manager requests +500 points, which waits for approval', async () => {
    const { page } = journey.session;
    await loginAs(page, 'account_manager', demoPassword);
    const { items } = await apiGet<{ items: { id: number }[] }>(page, '/customers?pageSize=1&grade=silver');
    customerId = items[0]!.id;
    balanceBefore = (await apiGet<PointsLedger>(page, `/customers/${customerId}/points`)).balance;
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('points-adjust').click();
    await page.getByTestId('points-change-points').fill('500');
    await page.getByTestId('points-change-reason').fill('补录线下活动积分');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/customers/${customerId}/points/adjustments`) && r.request().method() === 'POST'),
      page.getByTestId('points-change-submit').click(),
    ]);
    expect(reply.status()).toBe(201);
    await page.getByText('待审批').first().waitFor();
    expect((await apiGet<PointsLedger>(page, `/customers/${customerId}/points`)).balance).toBe(balanceBefore);
  });

  step('grants temporary credit: eight days are refused, three are granted until the day after tomorrow', async () => {
    const { page } = journey.session;
    await page.getByTestId('temporary-credit-grant').click();
    await page.getByTestId('temporary-credit-amount').fill('800');
    await page.getByTestId('temporary-credit-days').fill('8');
    await page.getByTestId('temporary-credit-reason').fill('出差漫游应急');
    await page.getByTestId('temporary-credit-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('form-error').innerText()).toContain('7 天');
    await page.getByTestId('temporary-credit-days').fill('3');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/customers/${customerId}/temporary-credit`) && r.request().method() === 'PUT'),
      page.getByTestId('temporary-credit-submit').click(),
    ]);
    expect(reply.status()).toBe(200);
    const granted = (await reply.json()) as { tempCredit: string; tempCreditUntil: string };
    expect(granted.tempCredit).toBe('800.00');
    await page.getByTestId('temporary-credit').getByText(granted.tempCreditUntil).waitFor();
    await saveScreenshot(page, 'customer-temporary-credit');
  });

  step('the district manager approves the adjustment from the approvals list and exempts the customer from credit control', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'district_manager', demoPassword);
    await page.getByTestId('app-nav').waitFor();
    if (!(await page.getByTestId('nav-pointsAdjustments').isVisible())) await page.getByTestId('nav-group-rules').click();
    await page.getByTestId('nav-pointsAdjustments').click();
    const pending = (await apiGet<PointsLedger>(page, `/customers/${customerId}/points`)).entries.find((entry) => entry.status === 'pending')!;
    const row = page.getByTestId(`points-adjustment-${pending.id}`);
    await row.waitFor();
    await saveScreenshot(page, 'points-adjustments');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/points-adjustments/${pending.id}/transitions`) && r.status() === 204),
      row.getByRole('button', { name: /批\s?准/ }).click(),
    ]);
    await row.waitFor({ state: 'detached' });
    await page.goto(`/customers/${customerId}`);
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="customer-points-balance"]')?.textContent?.includes(String(expected)),
      balanceBefore + 500,
    );
    await page.getByTestId('credit-control-toggle').click();
    await page.getByTestId('credit-control-reason').fill('银行托收重要客户');
    await page.getByTestId('credit-control-submit').click();
    await page.getByTestId('customer-entitlements').getByText('非信控').waitFor();
    await saveScreenshot(page, 'customer-credit-control');
  });

  step('the account manager redeems 200 points against the approved balance', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'account_manager', demoPassword);
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('points-redeem').click();
    await page.getByTestId('points-change-points').fill('200');
    await page.getByTestId('points-change-reason').fill('兑换话费');
    await page.getByTestId('points-change-submit').click();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="customer-points-balance"]')?.textContent?.includes(String(expected)),
      balanceBefore + 300,
    );
  });
});
