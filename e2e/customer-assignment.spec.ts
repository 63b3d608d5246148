import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs, openNav } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface ManagerLoad {
  username: string;
  displayName: string;
  vip: number;
  vipLimit: number;
}

const VIP_GRADES = 'diamond,gold,silver';
const isAssignReply = (r: { url(): string; request(): { method(): string } }) =>
  new URL(r.url()).pathname === '/api/v1/customers/assign' && r.request().method() === 'POST';

/** Opens the list of one manager's VIP customers (diamond, gold, silver) and waits for its rows. */
async function openVipList(page: Page, manager: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/customers' && new URL(r.url()).searchParams.get('manager') === manager),
    page.goto(`/customers?manager=${manager}&grade=${VIP_GRADES}`),
  ]);
  await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
}

/** Opens the assign dialog for the selected rows and picks the manager by searching for the username. */
async function chooseManager(page: Page, username: string): Promise<void> {
  await page.getByTestId('customers-assign').click();
  await page.getByTestId('assign-form').waitFor();
  await page.getByTestId('assign-manager').click();
  await page.keyboard.type(username);
  await page.getByTestId(`assign-manager-option-${username}`).click();
}

/**
 * A district manager assigns one customer, then a whole page of VIP customers to a manager whose VIP
 * load that would take past the limit: the 409 names the manager, the tier, the load and the limit;
 * the district manager overrides with a reason and the manager-load page shows the new load.
 */
describe('a district manager assigns customers within and past a manager’s load limit', () => {
  const journey = useJourney();
  const { step } = journey;
  let target: ManagerLoad;
  let source: ManagerLoad;
  let moved = 0;

  step('district_manager signs in and picks two account managers of the district', async () => {
    const { page } = journey.session;
    await loginAs(page, 'district_manager', demoPassword);
    const { items } = await apiGet<{ items: ManagerLoad[] }>(page, '/managers/load');
    // am01's book is what other journeys search; the persona account_manager's too.
    const candidates = items.filter((row) => /^am\d+$/.test(row.username) && row.username !== 'am01').sort((a, b) => b.vip - a.vip);
    expect(candidates.length, 'the district has account managers').toBeGreaterThan(1);
    target = candidates[0]!;
    // The source's VIPs, less the one assigned singly, must take the target past its limit.
    const found = candidates.find((row) => row.username !== target.username && row.vip - 1 > target.vipLimit - (target.vip + 1));
    expect(found, 'a manager with enough VIP customers to go over the limit').toBeDefined();
    source = found!;
  });

  step('assigns one customer to the target manager', async () => {
    const { page } = journey.session;
    await openVipList(page, source.username);
    await page.locator('.ant-table-tbody .ant-table-row').first().locator('.ant-checkbox-input').check();
    await chooseManager(page, target.username);
    const [reply] = await Promise.all([page.waitForResponse(isAssignReply), page.getByTestId('assign-submit').click()]);
    expect(reply.status()).toBe(200);
    expect(await reply.json()).toMatchObject({ assigned: 1 });
    await page.getByTestId('assign-form').waitFor({ state: 'detached' });
  });

  step('a page of VIP customers would exceed the limit: the refusal names manager, tier, load and limit', async () => {
    const { page } = journey.session;
    await openVipList(page, source.username);
    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    moved = await page.locator('.ant-table-tbody .ant-table-row .ant-checkbox-checked').count();
    expect(target.vip + 1 + moved, 'the selection goes over the limit').toBeGreaterThan(target.vipLimit);
    await chooseManager(page, target.username);
    const [refused] = await Promise.all([page.waitForResponse(isAssignReply), page.getByTestId('assign-submit').click()]);
    expect(refused.status()).toBe(409);
    const alert = page.getByTestId('assign-limit-exceeded');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain(target.displayName);
    expect(text).toContain('钻石/金/银卡');
    expect(text).toContain(`当前 ${target.vip + 1} 位`);
    expect(text).toContain(`新增 ${moved} 位`);
    expect(text).toContain(`上限 ${target.vipLimit} 位`);
    await saveScreenshot(page, 'assign-limit-refused');
  });

  step('overrides the limit with a reason', async () => {
    const { page } = journey.session;
    await page.getByTestId('assign-override').click();
    await page.getByTestId('assign-submit').click();
    // The reason is required (at least 4 characters).
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('assign-override-reason').fill('区域调整，临时超配');
    const [reply] = await Promise.all([page.waitForResponse(isAssignReply), page.getByTestId('assign-submit').click()]);
    expect(reply.status()).toBe(200);
    expect(await reply.json()).toMatchObject({ assigned: moved });
    await page.getByTestId('assign-form').waitFor({ state: 'detached' });
  });

  step('the manager-load page shows the target over its VIP limit', async () => {
    const { page } = journey.session;
    await openNav(page, 'customerManagers');
    await page.getByTestId('manager-load-page').waitFor();
    const bar = page.getByTestId(`load-vip-${target.username}`);
    await bar.waitFor();
    expect(await bar.innerText()).toBe(`${target.vip + 1 + moved}/${target.vipLimit}`);
    await saveScreenshot(page, 'manager-load-over-limit');
  });
});
