import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

// A customer of this run's own, so archiving it changes nothing another journey relies on.
const customerNo = `E2EA-${Date.now().toString(36).toUpperCase()}`;

describe('an account manager moves a customer to the retained archive with a reason, then restores it', () => {
  const journey = useJourney();
  const { step } = journey;
  let customerId = 0;

  step('am01 signs in and creates a customer of their own', async () => {
    const { page } = journey.session;
    await loginAs(page, 'am01', demoPassword);
    const { items } = await apiGet<{ items: { orgUnit: string }[] }>(page, '/customers?pageSize=1');
    expect(items.length, 'am01 has customers').toBeGreaterThan(0);
    const created = await page.request.post('/api/v1/customers', {
      data: { customerNo, kind: 'individual', name: '归档测试客户', orgUnit: items[0]!.orgUnit, grade: 'none' },
    });
    expect(created.status(), await created.text()).toBe(201);
    customerId = ((await created.json()) as { id: number }).id;
  });

  step('archives it to the retained archive: the reason is required', async () => {
    const { page } = journey.session;
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('customer-header').waitFor();
    expect(await page.getByTestId('customer-archive-state').getAttribute('class')).toContain('blue');
    await page.getByTestId('customer-archive').click();
    await page.getByTestId('archive-form').waitFor();
    await page.getByTestId('archive-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('archive-reason').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('archive-note').fill('客户降档，转入保留档案');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/customers/${customerId}/archive` && r.request().method() === 'POST'),
      page.getByTestId('archive-submit').click(),
    ]);
    expect(reply.status()).toBe(200);
    await page.getByTestId('customer-retained-reason').waitFor();
    await page.getByTestId('customer-restore').waitFor();
    await saveScreenshot(page, 'customer-retained');
    const view = await apiGet<{ archive: string; retainedReason: string }>(page, `/customers/${customerId}`);
    expect(view).toMatchObject({ archive: 'retained', retainedReason: 'demoted' });
  });

  step('restores it to the in-network archive', async () => {
    const { page } = journey.session;
    await page.getByTestId('customer-restore').click();
    await page.getByTestId('archive-form').waitFor();
    const [reply] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/customers/${customerId}/restore` && r.request().method() === 'POST'),
      page.getByTestId('archive-submit').click(),
    ]);
    expect(reply.status()).toBe(200);
    await page.getByTestId('customer-archive').waitFor();
    const view = await apiGet<{ archive: string }>(page, `/customers/${customerId}`);
    expect(view.archive).toBe('in_network');
  });
});
