import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, demoPassword, loginAs, logout } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface Notice {
  id: number;
  kind: string;
  params: { complaintNo?: string };
  entityId: string | null;
  readAt: string | null;
}

const xhr = { 'X-Requested-With': 'XMLHttpRequest' };
// Unique per run: the journey finds its own complaint on a server shared with other journeys.
const words = `通知端到端 ${Date.now().toString(36)}：专线中断两天无人处理`;
// Received 25 hours ago (a letter logged late): already past the 24 h level-1 limit.
const receivedAt = new Date(Date.now() - 25 * 3600_000).toISOString();

async function bellCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
}

async function noticeOf(page: Page, complaintNo: string): Promise<Notice | undefined> {
  const { items } = await apiGet<{ items: Notice[] }>(page, '/notifications?pageSize=50');
  return items.find((item) => item.kind === 'complaint.escalated' && item.params.complaintNo === complaintNo);
}

describe('a complaint escalates past its limit; the district manager sees it in the bell, opens the complaint from it and it is read; the page lists it in English too', () => {
  const journey = useJourney();
  const { step } = journey;
  let complaintId = 0;
  let complaintNo = '';
  let notice: Notice | undefined;
  let before = 0;
  let customerNo = '';

  step('the district manager notes the bell’s unread count and a customer of the district', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    const { items } = await apiGet<{ items: { customerNo: string }[] }>(page, '/customers?pageSize=5&orgUnit=DEMO-01-01');
    customerNo = items[0]!.customerNo;
    await page.getByTestId('notification-bell').waitFor();
    await expect.poll(() => page.getByTestId('notification-bell').getAttribute('data-unread')).not.toBeNull();
    before = await bellCount(page);
    await logout(page);
  });

  step('an agent logs a complaint received yesterday and the escalation scan raises it to level 2', async () => {
    const { page } = journey.session;
    await loginAs(page, 'outbound_agent', demoPassword);
    const created = await page.request.post('/api/v1/complaints', {
      headers: xhr,
      data: { customerNo, channel: 'letter', category: 'fault_repair', severity: 'high', description: words, receivedAt },
    });
    expect(created.status(), await created.text()).toBe(201);
    ({ id: complaintId, complaintNo } = (await created.json()) as { id: number; complaintNo: string });
    await logout(page);
    // What the scheduled job does every minute, run now on the server's own clock.
    await loginAs(page, 'city_manager', demoPassword);
    const scan = await page.request.post('/api/v1/complaints/escalation-scan', { headers: xhr });
    expect(scan.ok(), await scan.text()).toBe(true);
    notice = await noticeOf(page, complaintNo);
    expect(notice).toMatchObject({ entityId: String(complaintId), readAt: null });
    await logout(page);
    // The agent who logged it is not a level-2 manager: nothing for them.
    await loginAs(page, 'outbound_agent', demoPassword);
    expect(await noticeOf(page, complaintNo)).toBeUndefined();
    await logout(page);
  });

  step('the district manager’s bell counts it, the dropdown shows it in Chinese and opens the complaint, which marks it read', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    await expect.poll(() => bellCount(page)).toBeGreaterThan(before);
    const mine = await noticeOf(page, complaintNo);
    expect(mine?.readAt).toBeNull();
    const unread = await bellCount(page);
    await page.getByTestId('notification-bell').click();
    const row = page.getByTestId(`notification-open-${mine!.id}`);
    await expect.poll(() => row.textContent()).toContain(`投诉 ${complaintNo} 已超时自动升级至第 2 级`);
    await saveScreenshot(page, 'notification-bell');
    await row.click();
    await page.getByTestId('complaint-detail-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/complaints/${complaintId}`);
    await expect.poll(async () => (await noticeOf(page, complaintNo))?.readAt ?? null).not.toBeNull();
    await expect.poll(() => bellCount(page)).toBe(unread - 1);
  });

  step('the city manager, also told, reads it on the notifications page in English and marks all read', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'city_manager', demoPassword);
    await page.getByTestId('user-menu').click();
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/me' && r.request().method() === 'PATCH'),
      page.getByTestId('lang-en').click(),
    ]);
    const mine = await noticeOf(page, complaintNo);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-view-all').click();
    await page.getByTestId('notifications-page').waitFor();
    await page.getByTestId('notifications-filter').getByText('Unread').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unread')).toBe('true');
    await page.getByTestId('notifications-filter-category').click();
    await page.getByTestId('notifications-category-complaint').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('category')).toBe('complaint');
    const item = page.getByTestId(`notification-${mine!.id}`);
    await expect.poll(() => item.textContent()).toContain(`Complaint ${complaintNo} escalated automatically to level 2`);
    expect(await item.getAttribute('data-unread')).toBe('true');
    await saveScreenshot(page, 'notifications-page-en');
    await page.getByTestId('notifications-mark-all-read').click();
    await expect.poll(() => bellCount(page)).toBe(0);
    await page.getByTestId('notifications-table').getByText('No unread notifications').waitFor();
    await page.getByTestId('notifications-filter').getByText('All').click();
    await expect.poll(() => page.getByTestId(`notification-${mine!.id}`).getAttribute('data-unread')).toBe('false');
    await page.getByTestId(`notification-subject-${mine!.id}`).click();
    await page.getByTestId('complaint-detail-page').waitFor();
    // Back to Chinese: the account keeps the language, and other journeys expect zh-CN.
    await page.getByTestId('user-menu').click();
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/me' && r.request().method() === 'PATCH'),
      page.getByTestId('lang-zh-CN').click(),
    ]);
  });
});
