import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { adminPassword, apiGet, demoPassword, loginAs } from './support/app';
import { launchBrowser, openSession, recordFailure, saveScreenshot, type Session } from './support/browser';

interface CustomerRow {
  id: number | string;
  customerNo: string;
  name: string;
  star: number | null;
}

const loop = ['appointed', 'dispatched', 'in_progress', 'completed', 'delivered', 'revisit_pending', 'archived'] as const;
const suffix = Date.now().toString(36);
const title = `端到端故障报修 ${suffix}`;

describe('an account manager runs a fault work order through the loop; the customer follows it on the status page', () => {
  let browser: Browser;
  let session: Session;
  let publicSession: Session | undefined;
  let customer: CustomerRow;
  let phoneLast4 = '';
  let trackingCode = '';
  let orderNo = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    session = await openSession(browser);
  });

  afterAll(async () => {
    await publicSession?.context.close();
    await session?.context.close();
    await browser?.close();
  });

  const step = (name: string, body: () => Promise<void>, current: () => Session | undefined = () => session) =>
    it(name, async () => {
      onTestFailed(() => recordFailure(current(), name));
      await body();
    });

  step('am01 signs in and picks one of their five-star customers', async () => {
    const { page } = session;
    await loginAs(page, 'am01', demoPassword);
    const { items } = await apiGet<{ items: CustomerRow[] }>(page, '/customers?pageSize=200');
    expect(items.length, 'am01 has customers in the demo data').toBeGreaterThan(0);
    const fiveStar = items.find((c) => c.star === 5);
    if (!fiveStar) console.warn('am01 has no five-star customer; using the first customer instead');
    customer = fiveStar ?? items[0]!;

    const response = await page.request.post(`/api/v1/customers/${customer.id}/unmask`, {
      data: { fields: ['phone'], reason: 'e2e lookup' },
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(response.ok(), `unmask → ${response.status()} ${await response.text()}`).toBe(true);
    const { fields } = (await response.json()) as { fields: { phone?: string | null } };
    const digits = (fields.phone ?? '').replace(/\D/g, '');
    expect(digits.length, 'the customer has a phone number').toBeGreaterThanOrEqual(4);
    phoneLast4 = digits.slice(-4);
  });

  step('am01 creates a fault work order from the list page', async () => {
    const { page } = session;
    await page.goto('/work-orders');
    await page.getByTestId('work-orders-page').waitFor();
    await page.getByTestId('work-orders-create').click();
    await page.getByTestId('work-order-form').waitFor();

    await page.getByTestId('work-order-form-customer').click();
    await page.keyboard.type(customer.customerNo);
    await page.getByTestId(`work-order-customer-option-${customer.customerNo}`).click();

    await page.getByTestId('work-order-form-serviceItem').click();
    await page.keyboard.type('fixed_line_fault');
    await page.getByTestId('work-order-service-option-fixed_line_fault_repair').click();

    await page.getByTestId('work-order-form-title').fill(title);
    await page.getByTestId('work-order-form-description').fill('端到端测试：客户反映电话无拨号音');
    await page.getByTestId('work-order-form-submit').click();

    await page.getByTestId('work-order-detail-page').waitFor();
    await page.locator('[data-testid="work-order-status"][data-status="received"]').waitFor();
    trackingCode = ((await page.getByTestId('work-order-tracking-code').textContent()) ?? '').trim();
    expect(trackingCode).not.toBe('');
    const tone = await page.getByTestId('work-order-sla-badge').getAttribute('data-tone');
    expect(['on_time', 'warning']).toContain(tone);
    expect(await page.getByTestId('work-order-sla-badge').textContent()).toMatch(/剩余/);
    orderNo = ((await page.locator('h4').first().textContent()) ?? '').replace(/^工单\s*/, '').trim();
  });

  step('the new order is in the list with its SLA badge', async () => {
    const { page } = session;
    await page.goto(`/work-orders?q=${encodeURIComponent(orderNo)}`);
    const row = page.locator('[data-testid^="work-order-row-"]', { hasText: title });
    await row.waitFor();
    expect(await row.locator('[data-testid^="work-order-sla-"]').getAttribute('data-tone')).toMatch(/on_time|warning/);
    await saveScreenshot(page, 'work-order-list');
    await row.locator('[data-testid^="work-order-link-"]').click();
    await page.getByTestId('work-order-detail-page').waitFor();
  });

  step('am01 moves the order through the loop with the detail page buttons', async () => {
    const { page } = session;
    for (const to of loop) {
      await page.getByTestId(`work-order-move-${to}`).click();
      await page.getByTestId('work-order-transition-form').waitFor();
      await page.getByTestId('work-order-transition-note').fill(`e2e → ${to}`);
      await page.getByTestId('work-order-transition-confirm').click();
      await page.locator(`[data-testid="work-order-status"][data-status="${to}"]`).waitFor();
      await page.getByTestId('work-order-transition-form').waitFor({ state: 'detached' });
      if (to === 'completed') {
        // Completion stops the resolution clock: the badge no longer counts down.
        const tone = await page.getByTestId('work-order-target-badge-resolution-1').getAttribute('data-tone');
        expect(tone).toBe('met');
        await saveScreenshot(page, 'work-order-detail-completed');
      }
    }
    expect(await page.getByTestId('work-order-actions').locator('button').count()).toBe(0);
    expect(await page.locator('[data-testid="work-order-timeline-status"]').count()).toBeGreaterThanOrEqual(loop.length);
    await saveScreenshot(page, 'work-order-detail-archived');
  });

  step('the board counts the orders by status and the SLA quote compares the three tiers', async () => {
    const { page } = session;
    await page.goto('/work-orders/board');
    await page.getByTestId('work-order-board-page').waitFor();
    await page.getByTestId('work-order-board-column-received').waitFor();
    expect(await page.getByTestId('work-order-board-total').textContent()).toMatch(/\d/);
    await saveScreenshot(page, 'work-order-board');

    await page.goto('/sla/quote');
    await page.getByTestId('sla-quote-page').waitFor();
    await page.getByTestId('sla-quote-fee').fill('12000');
    await page.getByTestId('sla-quote-submit').click();
    await page.getByTestId('sla-quote-table').waitFor();
    for (const tier of ['urgent', 'expedited', 'normal']) expect(await page.getByTestId(`sla-quote-deadline-${tier}`).textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await saveScreenshot(page, 'work-order-sla-quote');
  });

  step(
    'the customer opens the public status page without signing in',
    async () => {
      publicSession = await openSession(browser);
      const { page } = publicSession;
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/status/${trackingCode}`);
      await page.getByTestId('public-status-form').waitFor();

      const wrong = phoneLast4 === '0000' ? '1111' : '0000';
      await page.getByTestId('public-status-phone').fill(wrong);
      await page.getByTestId('public-status-submit').click();
      await page.getByTestId('public-status-error').waitFor();
      expect(await page.getByTestId('public-status-error').textContent()).toContain('未找到工单');

      await page.getByTestId('public-status-phone').fill(phoneLast4);
      await page.getByTestId('public-status-submit').click();
      await page.getByTestId('public-status-result').waitFor();
      expect(await page.getByTestId('public-status-status').getAttribute('data-status')).toBe('archived');
      const steps = await page.getByTestId('public-status-step').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-status')));
      expect(steps).toEqual(expect.arrayContaining(['received', ...loop]));
      await saveScreenshot(page, 'work-order-public-status');
    },
    () => publicSession,
  );

  step('an admin marks a day as a holiday on the calendar page and sets it back', async () => {
    const { page } = session;
    await page.context().clearCookies();
    await loginAs(page, 'admin', adminPassword);
    await page.goto('/admin/calendar');
    await page.getByTestId('calendar-page').waitFor();
    // A plain working day renders an empty marker, so the month's first day may be attached but not visible.
    await page.locator('[data-testid^="calendar-day-"]').first().waitFor({ state: 'attached' });
    const days = await page.locator('[data-testid^="calendar-day-"]').evaluateAll((nodes) =>
      nodes.map((n) => ({ date: (n.getAttribute('data-testid') ?? '').slice('calendar-day-'.length), kind: n.getAttribute('data-kind') })),
    );
    const day = days.find((d) => d.kind === 'workday');
    expect(day, 'the month has a working day').toBeDefined();
    await page.locator(`td[title="${day!.date}"]`).click();
    await page.getByTestId('calendar-day-form').waitFor();
    await page.getByTestId('calendar-day-kind').getByText('节假日').click();
    await page.getByTestId('calendar-day-name').fill('端到端假日');
    await page.getByTestId('calendar-day-save').click();
    await page.locator(`[data-testid="calendar-day-${day!.date}"][data-kind="holiday"]`).waitFor();
    expect(await page.getByTestId(`calendar-day-${day!.date}`).textContent()).toContain('端到端假日');
    await saveScreenshot(page, 'work-order-calendar');

    await page.locator(`td[title="${day!.date}"]`).click();
    await page.getByTestId('calendar-day-form').waitFor();
    await page.getByTestId('calendar-day-kind').getByText('恢复常规').click();
    await page.getByTestId('calendar-day-save').click();
    // A plain working day has no marker to see: the element is there, empty.
    await page.locator(`[data-testid="calendar-day-${day!.date}"][data-kind="workday"]`).waitFor({ state: 'attached' });
  });
});
