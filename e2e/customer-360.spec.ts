import { pinyinKeys } from '@patron/domain/search/search-keys';
import { describe, expect } from 'vitest';
import { adminPassword, apiGet, demoPassword, loginAs, logout, openNav } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface ListedCustomer {
  id: number;
  name: string;
  kind: 'individual' | 'group';
  phone: string | null;
}

const maskedPhone = /^\d{3}\*{4}\d{4}$/;
// Unique per run, so the audit lookup finds this run's event even on a server that has seen others.
const reason = `e2e 回访核实 ${Date.now().toString(36)}`;

describe('an account manager finds a customer by pinyin initials, unmasks the phone, and admin sees the audit', () => {
  const journey = useJourney();
  const { step } = journey;
  let target: ListedCustomer & { initials: string };
  let fullPhone = '';


  step('am01 signs in and picks one of their customers with a masked mobile', async () => {
    const { page } = journey.session;
    await loginAs(page, 'am01', demoPassword);
    const { items } = await apiGet<{ items: ListedCustomer[] }>(page, '/customers?pageSize=20&kind=individual');
    const candidates = items.filter((c) => c.phone !== null && maskedPhone.test(c.phone)).slice(0, 8);
    expect(candidates.length, 'am01 has individual customers with a mobile').toBeGreaterThan(0);
    // The initials that match the fewest customers put the target on the first page of results.
    let best: { customer: ListedCustomer; initials: string; total: number } | undefined;
    for (const customer of candidates) {
      const initials = pinyinKeys(customer.name, { personName: true }).initials;
      const { total, items: found } = await apiGet<{ total: number; items: ListedCustomer[] }>(page, `/customers?q=${encodeURIComponent(initials)}&pageSize=20`);
      if (!found.some((c) => c.id === customer.id)) continue;
      if (!best || total < best.total) best = { customer, initials, total };
      if (total <= 5) break;
    }
    expect(best, 'a customer findable by its initials').toBeDefined();
    target = { ...best!.customer, initials: best!.initials };
  });

  step('searches by pinyin initials and opens the 360 view', async () => {
    const { page } = journey.session;
    await openNav(page, 'customers');
    await page.getByTestId('customers-page').waitFor();
    const box = page.getByTestId('customers-search').locator('input');
    await box.fill(target.initials);
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/customers' && new URL(r.url()).searchParams.get('q') === target.initials),
      box.press('Enter'),
    ]);
    await page.getByTestId(`customer-link-${target.id}`).waitFor();
    await saveScreenshot(page, 'customers-search-initials');
    await page.getByTestId(`customer-link-${target.id}`).click();
    await page.getByTestId('customer-detail-page').waitFor();
    await page.getByTestId('customer-header').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(target.name);
    await page.getByTestId('customer-spend-chart').waitFor();
  });

  step('sees the credit profile and the benefits the grade carries', async () => {
    const { page } = journey.session;
    const view = await apiGet<{ grade: string; credit: { score: number | null }; benefits: { benefit: string }[] }>(page, `/customers/${target.id}/entitlements`);
    expect(view.grade === 'none' || view.benefits.length > 0, 'a key account holds its grade benefits').toBe(true);
    const card = page.getByTestId('customer-entitlements');
    await card.scrollIntoViewIfNeeded();
    await card.locator('.ant-table').waitFor();
    expect(await card.locator('tbody tr.ant-table-row').count()).toBe(Math.min(view.benefits.length, 8));
    if (view.benefits.some((b) => b.benefit === 'account_manager')) expect(await card.textContent()).toContain('一对一客户经理');
    if (view.credit.score !== null) expect((await page.getByTestId('customer-credit-score').textContent())?.trim()).toBe(String(view.credit.score));
    await saveScreenshot(page, 'customer-360-entitlements');
  });

  step('sees the masked phone and unmasks it with a reason', async () => {
    const { page } = journey.session;
    const phone = page.getByTestId('customer-field-phone');
    expect((await phone.textContent())?.trim()).toMatch(maskedPhone);
    await saveScreenshot(page, 'customer-360-masked');
    await page.getByTestId('customer-unmask').click();
    await page.getByTestId('unmask-modal').waitFor();
    // Submitting without a reason is refused by the form.
    await page.getByTestId('unmask-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('unmask-reason').fill(reason);
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/customers/${target.id}/unmask`) && r.request().method() === 'POST'),
      page.getByTestId('unmask-submit').click(),
    ]);
    expect(reply.status()).toBe(200);
    await page.getByTestId('unmask-modal').waitFor({ state: 'detached' });
    await page.locator('[data-testid="customer-field-phone"][data-revealed="true"]').waitFor();
    fullPhone = ((await phone.textContent()) ?? '').trim();
    expect(fullPhone).toMatch(/^1[3-9]\d{9}$/);
    expect(fullPhone.slice(0, 3)).toBe(target.phone!.slice(0, 3));
    expect(fullPhone.slice(-4)).toBe(target.phone!.slice(-4));
    await saveScreenshot(page, 'customer-360-unmasked');
  });

  step('admin finds the customer.unmask event on the audit page', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'admin', adminPassword);
    await openNav(page, 'audit');
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('audit-filter-action').fill('customer.unmask');
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit-events' && new URL(r.url()).searchParams.get('action') === 'customer.unmask'),
      page.getByTestId('audit-search').click(),
    ]);
    const row = page.locator('[data-testid^="audit-row-"]', { hasText: reason });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain('customer.unmask');
    expect(text).toContain(`#${target.id}`);
    // The values themselves are never written to the audit log.
    expect(text).not.toContain(fullPhone);
    await saveScreenshot(page, 'audit-unmask');
  });
});

describe('a district manager sees the manager load page', () => {
  const journey = useJourney();

  journey.step('shows each manager with load bars and the chart', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    await openNav(page, 'customerManagers');
    await page.getByTestId('manager-load-page').waitFor();
    await page.locator('[data-testid^="manager-load-row-"]').first().waitFor();
    await page.getByTestId('manager-load-chart').waitFor();
    expect(await page.locator('[data-testid^="load-vip-"]').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'manager-load');
  });
});
