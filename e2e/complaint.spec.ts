import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, demoPassword, loginAs, logout, openNav, pickOption } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface Measures {
  total: number;
  escalated: number;
  reopened: number;
  revisits: { done: number };
}

// Unique per run: the journey finds its own complaint on a server shared with other journeys.
const words = `端到端投诉 ${Date.now().toString(36)}：月底账单多扣了费用`;
// Logged by the agent 25 hours after the customer called (a letter logged late): past the 24 h level-1 limit.
const receivedAt = new Date(Date.now() - 25 * 3600_000);
const shanghai = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString();
const receivedText = shanghai(receivedAt).slice(0, 16).replace('T', ' ');
const month = shanghai(receivedAt).slice(0, 7);
const appealRef = `SS-${Date.now().toString(36)}`;

async function measures(page: Page): Promise<Measures> {
  return apiGet<Measures>(page, `/complaint-measures?month=${month}`);
}

describe('an agent logs a complaint, it escalates past its level-1 limit, the district resolves it, an appeal and a compensation are handled, the revisit channel finds the customer unsatisfied and it reopens', () => {
  const journey = useJourney();
  const { step } = journey;
  let customerNo = '';
  let customerGrade = '';
  let complaintNo = '';
  let complaintId = 0;
  let before: Measures;

  step('the district manager notes the month’s measures and a customer of the district', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    before = await measures(page);
    const { items } = await apiGet<{ items: { customerNo: string; grade: string }[] }>(page, '/customers?pageSize=5&orgUnit=DEMO-01-01');
    expect(items.length).toBeGreaterThan(0);
    customerNo = items[items.length - 1]!.customerNo;
    customerGrade = items[items.length - 1]!.grade;
    await logout(page);
  });

  step('the outbound agent logs the complaint with the customer’s words and when it was received', async () => {
    const { page } = journey.session;
    await loginAs(page, 'outbound_agent', demoPassword);
    await openNav(page, 'complaints');
    await page.getByTestId('complaint-new').click();
    await page.getByTestId('complaint-form-customer').fill(customerNo);
    await pickOption(page, 'complaint-form-category', 'complaint-category-billing');
    await page.getByTestId('complaint-form-description').fill(words);
    await page.getByTestId('complaint-form-received-at').click();
    await page.keyboard.type(receivedText);
    await page.keyboard.press('Enter');
    const [reply] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/complaints' && r.request().method() === 'POST'),
      page.getByTestId('complaint-form-submit').click(),
    ]);
    expect(reply.status()).toBe(201);
    // Logged at level 1: read from the reply, since the minute's scheduled scan may escalate it before the page shows.
    const created = (await reply.json()) as { id: number; complaintNo: string; status: string; level: number; receivedAt: string };
    expect(created).toMatchObject({ status: 'received', level: 1 });
    await page.getByTestId('complaint-detail-page').waitFor();
    complaintId = created.id;
    complaintNo = created.complaintNo;
    expect(created.receivedAt.slice(0, 16)).toBe(new Date(`${receivedText.replace(' ', 'T')}:00+08:00`).toISOString().slice(0, 16));
  });

  step('the city manager routes the complaint revisits of this customer’s grade to the revisit desk', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'city_manager', demoPassword);
    await openNav(page, 'revisits');
    await page.getByTestId('revisit-routing').click();
    await page.getByTestId('routing-add-rule').click();
    await page.getByTestId('routing-triggers-0').click();
    await page.getByTestId('routing-trigger-option-complaint').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('routing-grades-0').click();
    await page.getByTestId(`routing-grade-option-${customerGrade}`).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('routing-submit').click();
    await page.getByTestId('routing-submit').waitFor({ state: 'detached' });
    const routing = await apiGet<{ rules: { triggers: string[]; grades: string[]; channel: string }[] }>(page, '/revisit-routing');
    expect(routing.rules[0]).toEqual({ triggers: ['complaint'], grades: [customerGrade], channel: 'revisit_desk' });
  });

  step('the escalation scan raises it to level 2 and the district manager sees it escalated', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'city_manager', demoPassword);
    // What the scheduled job does every minute, run now on the server's own clock.
    const scan = await page.request.post('/api/v1/complaints/escalation-scan', { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(scan.ok(), await scan.text()).toBe(true);
    await logout(page);
    await loginAs(page, 'district_manager', demoPassword);
    await page.goto(`/complaints/${complaintId}`);
    await expect.poll(() => page.getByTestId('complaint-level').getAttribute('data-level')).toBe('2');
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toMatch(/已升级|Escalated/);
    await saveScreenshot(page, 'complaint-escalated');
  });

  step('the district manager resolves it with a root cause', async () => {
    const { page } = journey.session;
    await page.getByTestId('complaint-to-resolved').click();
    await page.getByTestId('complaint-resolution').fill('核实后退还多扣费用并致歉');
    await page.getByTestId('complaint-root-cause').click();
    await page.getByTestId('root-cause-system').click();
    await page.getByTestId('complaint-root-cause-detail').fill('计费规则配置错误');
    await page.getByTestId('complaint-transition-submit').click();
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toMatch(/已解决|Resolved/);
  });

  step('the district manager logs the customer’s appeal (申诉), which shows its own acceptance and handling clocks, and records its acceptance', async () => {
    const { page } = journey.session;
    await page.getByTestId('appeal-new').click();
    await page.getByTestId('appeal-authority').fill('省通信管理局申诉受理中心');
    await page.getByTestId('appeal-reference').fill(appealRef);
    await page.getByTestId('appeal-submit').click();
    await page.getByTestId(`appeal-row-${appealRef}`).waitFor();
    await expect.poll(() => page.getByTestId(`appeal-acceptance-${appealRef}`).getAttribute('data-state')).toBe('running');
    await expect.poll(() => page.getByTestId(`appeal-handling-${appealRef}`).getAttribute('data-state')).toBe('running');
    // The appeal body accepts it the same day: the acceptance clock stops in time, handling runs on.
    await page.getByTestId(`appeal-accepted-${appealRef}`).click();
    await expect.poll(() => page.getByTestId(`appeal-status-${appealRef}`).getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => page.getByTestId(`appeal-acceptance-${appealRef}`).getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId(`appeal-handling-${appealRef}`).getAttribute('data-state')).toBe('running');
  });

  step('a compensation above the district’s approval limit is refused to the district and approved by the province', async () => {
    const { page } = journey.session;
    await page.getByTestId('compensation-new').click();
    await page.getByTestId('compensation-limits').waitFor();
    await page.getByTestId('compensation-amount').fill('500');
    await page.getByTestId('compensation-submit').click();
    const offer = page.locator('[data-testid^="compensation-status-"]').first();
    await expect.poll(() => offer.getAttribute('data-status')).toBe('proposed');
    const offerId = ((await offer.getAttribute('data-testid')) ?? '').replace('compensation-status-', '');
    await page.getByTestId(`compensation-approve-${offerId}`).click();
    await page.locator('.ant-notification-notice').filter({ hasText: /审批权限|approval limit/ }).waitFor();
    expect(await offer.getAttribute('data-status')).toBe('proposed');
    await saveScreenshot(page, 'complaint-remedies');
    await logout(page);
    await loginAs(page, 'province_manager', demoPassword);
    await page.goto(`/complaints/${complaintId}`);
    await page.getByTestId(`compensation-approve-${offerId}`).click();
    await expect.poll(() => page.getByTestId(`compensation-status-${offerId}`).getAttribute('data-status')).toBe('approved');
    await logout(page);
  });

  step('the revisit is called through the one channel it was routed to, and the customer is “unsatisfied”', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    const { items } = await apiGet<{ items: { channel: 'revisit_desk' | 'outbound_queue'; owner: string | null }[] }>(page, `/revisits?complaintId=${complaintId}`);
    expect(items).toHaveLength(1);
    const channel = items[0]!.channel;
    expect(channel).toBe('revisit_desk');
    expect(items[0]!.owner).toBeNull();
    await logout(page);
    // Never both channels: the outbound agents' queue does not offer it.
    await loginAs(page, 'outbound_agent', demoPassword);
    await openNav(page, 'outboundQueue');
    await page.getByTestId('outbound-queue-page').waitFor();
    expect((await apiGet<{ items: unknown[] }>(page, `/revisits?channel=outbound_queue&mine=true&complaintId=${complaintId}`)).items).toEqual([]);
    expect(await page.getByTestId(`revisit-call-${complaintNo}`).count()).toBe(0);
    await logout(page);
    // The outbound agents work their queue; the desk is the district's service staff.
    const caller = channel === 'outbound_queue' ? { user: 'outbound_agent', nav: 'outboundQueue' } : { user: 'district_manager', nav: 'revisits' };
    await loginAs(page, caller.user, demoPassword);
    await openNav(page, caller.nav);
    await page.getByTestId(`revisit-call-${complaintNo}`).click();
    await page.getByTestId('revisit-outcome-unsatisfied').click();
    await page.getByTestId('revisit-satisfaction').fill('2');
    await page.getByTestId('revisit-problems').fill('退费尚未到账');
    await page.getByTestId('revisit-call-submit').click();
    await page.getByTestId(`revisit-call-${complaintNo}`).waitFor({ state: 'detached' });
    const called = await apiGet<{ items: { owner: string; status: string }[] }>(page, `/revisits?complaintId=${complaintId}`);
    expect(called.items).toEqual([expect.objectContaining({ owner: caller.user, status: 'done' })]);
  });

  step('the complaint is back in processing with one reopen', async () => {
    const { page } = journey.session;
    await page.goto(`/complaints/${complaintId}`);
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toMatch(/处理中|Processing/);
    await expect.poll(() => page.getByTestId('complaint-reopen-count').textContent()).toBe('1');
    await logout(page);
  });

  step('the dashboard counts the complaint, its escalation, the reopen and the revisit', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    const after = await measures(page);
    expect(after.total).toBe(before.total + 1);
    expect(after.escalated).toBe(before.escalated + 1);
    expect(after.reopened).toBe(before.reopened + 1);
    expect(after.revisits.done).toBeGreaterThanOrEqual(before.revisits.done + 1);
    await page.goto(`/complaints/measures?month=${month}`);
    await expect.poll(() => page.getByTestId('measure-total').textContent()).toBe(String(after.total));
    await page.getByTestId('measure-escalated').click();
    await page.getByTestId(`complaint-row-${complaintNo}`).waitFor();
    await saveScreenshot(page, 'complaint-measures');
  });
});
