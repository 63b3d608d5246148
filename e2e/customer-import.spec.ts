import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs, logout, openNav } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

// Customer numbers of this run's own, so a re-run imports new customers rather than unchanged ones.
const run = Date.now().toString(36).toUpperCase();
const first = `E2EI-${run}-1`;
const second = `E2EI-${run}-2`;

function customersCsv(orgUnit: string, secondPhone: string): Buffer {
  const rows = [
    '客户编号,客户类型,客户名称,级别,手机号码,归属组织,客户经理',
    `${first},个人,导入测试甲,银卡,13800001111,${orgUnit},am01`,
    `${second},个人,导入测试乙,贵宾卡,${secondPhone},${orgUnit},am01`,
  ];
  return Buffer.from(`${rows.join('\n')}\n`, 'utf8');
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('[data-testid="import-dropzone"] input[type=file], .ant-upload input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer });
}

const isUpload = (r: { url(): string; request(): { method(): string } }) =>
  new URL(r.url()).pathname === '/api/v1/imports/customers' && r.request().method() === 'POST';

/**
 * An account manager imports customers through the web: a file with a bad phone number shows the
 * problem row by row and cannot be committed; the fixed file commits and the customers are listed.
 */
describe('an account manager imports customers from a CSV file', () => {
  const journey = useJourney();
  const { step } = journey;
  let orgUnit = '';

  step('am01 signs in and opens the import page', async () => {
    const { page } = journey.session;
    await loginAs(page, 'am01', demoPassword);
    const { items } = await apiGet<{ items: { orgUnit: string }[] }>(page, '/customers?pageSize=1');
    expect(items.length, 'am01 has customers').toBeGreaterThan(0);
    orgUnit = items[0]!.orgUnit;
    await openNav(page, 'customerImport');
    await page.getByTestId('import-page').waitFor();
    // Going past managers' load limits is for holders of customer.assign.override only.
    expect(await page.getByTestId('import-override').count()).toBe(0);
  });

  step('a file with a malformed phone number: the preview names the line, the column and the reason', async () => {
    const { page } = journey.session;
    await chooseFile(page, '客户导入.csv', customersCsv(orgUnit, '1380000'));
    const [reply] = await Promise.all([page.waitForResponse(isUpload), page.getByTestId('import-validate').click()]);
    expect(reply.status()).toBe(200);
    await page.getByTestId('import-validation').waitFor();
    expect(await page.getByTestId('import-total-rows').innerText()).toContain('2');
    expect(await page.getByTestId('import-rejected-rows').innerText()).toContain('1');
    const errors = page.getByTestId('import-errors-table');
    const row = errors.locator('.ant-table-tbody .ant-table-row').first();
    expect(await row.locator('td').nth(0).innerText()).toBe('3');
    expect(await row.locator('td').nth(1).innerText()).toBe('手机号码');
    expect(await row.locator('td').nth(2).innerText()).toMatch(/11 digits/);
    // All or nothing: the file cannot be committed as it is.
    await page.getByTestId('import-commit-blocked').waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await saveScreenshot(page, 'import-validation-errors');
  });

  step('the fixed file validates clean, commits, and the progress reaches the result', async () => {
    const { page } = journey.session;
    await page.getByTestId('import-reset').click();
    await chooseFile(page, '客户导入.csv', customersCsv(orgUnit, '13800002222'));
    const [validated] = await Promise.all([page.waitForResponse(isUpload), page.getByTestId('import-validate').click()]);
    expect(validated.status()).toBe(200);
    await page.getByTestId('import-no-errors').waitFor();
    const { id } = (await validated.json()) as { id: number };
    const [committed] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/imports/${id}/commit`),
      page.getByTestId('import-commit').click(),
    ]);
    expect(committed.status()).toBe(200);
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-summary-inserted').innerText()).toContain('2');
    // The steps bar is at its last step, finished.
    expect(await page.locator('.ant-steps-item-finish').count()).toBe(3);
    const runState = await apiGet<{ status: string; inserted: number; progress: unknown }>(page, `/imports/${id}`);
    expect(runState).toMatchObject({ status: 'committed', inserted: 2, progress: null });
    await saveScreenshot(page, 'import-committed');
  });

  step('the imported customers are in the list', async () => {
    const { page } = journey.session;
    await openNav(page, 'customers');
    await page.getByTestId('customers-page').waitFor();
    const box = page.getByTestId('customers-search').locator('input');
    for (const customerNo of [first, second]) {
      await box.fill(customerNo);
      const [listed] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/customers' && new URL(r.url()).searchParams.get('q') === customerNo),
        box.press('Enter'),
      ]);
      const { items } = (await listed.json()) as { items: { id: number; customerNo: string }[] };
      expect(items.map((item) => item.customerNo)).toEqual([customerNo]);
      await page.getByTestId(`customer-link-${items[0]!.id}`).waitFor();
    }
  });

  step('a district manager may validate a customers file past the load limits, with a reason', async () => {
    const { page } = journey.session;
    await logout(page);
    await loginAs(page, 'district_manager', demoPassword);
    await openNav(page, 'customerImport');
    await page.getByTestId('import-override').click();
    await chooseFile(page, '超限导入.csv', Buffer.from(`客户编号,客户类型,客户名称,归属组织,客户经理\nE2EO-${run},个人,超限测试,${orgUnit},am01\n`, 'utf8'));
    await page.getByTestId('import-override-reason').fill('短');
    expect(await page.getByTestId('import-validate').isDisabled(), 'a reason of at least 4 characters is required').toBe(true);
    await page.getByTestId('import-override-reason').fill('季度客户调整');
    const [reply] = await Promise.all([page.waitForResponse(isUpload), page.getByTestId('import-validate').click()]);
    expect(reply.status()).toBe(200);
    expect(new URL(reply.url()).searchParams.get('overrideReason')).toBe('季度客户调整');
    expect(await page.getByTestId('import-override-applied').innerText()).toContain('季度客户调整');
  });
});
