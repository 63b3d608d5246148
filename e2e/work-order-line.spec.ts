import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface CustomerView {
  id: number;
  customerNo: string;
  lines: { id: number; lineNo: string; type: string }[];
}

/**
 * A work order's line number follows the phone field policy, as on the 360 view: masked on the
 * detail page, revealed by the audited unmask of the customer's phone.
 */
describe('an account manager reveals the line number of a work order with a reason', () => {
  const journey = useJourney();
  const { step } = journey;
  let customer: CustomerView;
  let line: CustomerView['lines'][number];
  let orderId = 0;

  step('am01 signs in and opens a work order about one of their mobile lines', async () => {
    const { page } = journey.session;
    await loginAs(page, 'am01', demoPassword);
    const { items } = await apiGet<{ items: { id: number }[] }>(page, '/customers?pageSize=20');
    for (const item of items) {
      const view = await apiGet<CustomerView>(page, `/customers/${item.id}`);
      const mobile = view.lines.find((row) => row.type === 'mobile');
      if (mobile) {
        customer = view;
        line = mobile;
        break;
      }
    }
    expect(line, 'one of am01’s first customers has a mobile line').toBeDefined();
    expect(line.lineNo).toMatch(/^\d{3}\*{4}\d{4}$/);
    const created = await page.request.post('/api/v1/work-orders', {
      data: { customerNo: customer.customerNo, lineId: line.id, type: 'fault', channel: 'hotline', serviceItem: 'fixed_line_fault_repair', title: '手机无信号' },
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(created.status(), await created.text()).toBe(201);
    orderId = ((await created.json()) as { id: number }).id;
    await page.goto(`/work-orders/${orderId}`);
  });

  step('sees the line number masked, then reveals it with a reason', async () => {
    const { page } = journey.session;
    const shown = page.getByTestId('work-order-line-no');
    await shown.waitFor();
    expect((await shown.innerText()).trim()).toBe(line.lineNo);
    await page.getByTestId('work-order-line-unmask').click();
    await page.getByTestId('unmask-modal').waitFor();
    await page.getByTestId('unmask-reason').fill('核对故障号码');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/customers/${customer.id}/unmask` && r.request().method() === 'POST'),
      page.getByTestId('unmask-submit').click(),
    ]);
    expect(reply.status()).toBe(200);
    const full = ((await reply.json()) as { lines: Record<string, string> }).lines[String(line.id)];
    expect(full).toMatch(/^\d{11}$/);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="work-order-line-no"]')?.textContent === expected, full);
    expect(full!.slice(-4)).toBe(line.lineNo.slice(-4));
    await saveScreenshot(page, 'work-order-line-revealed');
  });
});
