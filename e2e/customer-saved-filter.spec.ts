import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs, openNav } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

// Saved filters belong to their owner; a name unique to this run keeps runs and journeys apart.
const filterName = `e2e 我的筛选 ${Date.now().toString(36)}`;

async function pickSavedFilter(page: Page): Promise<void> {
  await page.getByTestId('customers-saved-filter').click();
  await page.locator(`.ant-select-item-option[title="${filterName}"]`).click();
}

/** Waits until the search box shows `text`; fails naming what it shows instead. */
async function boxShows(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('customers-search').locator('input');
  await page
    .waitForFunction((expected) => document.querySelector<HTMLInputElement>('[data-testid="customers-search"] input')?.value === expected, text, { timeout: 5000 })
    .catch(async () => expect(await box.inputValue(), 'the search box').toBe(text));
}

describe('an account manager saves a customer filter and reuses it', () => {
  const journey = useJourney();
  const { step } = journey;
  let target: { id: number; customerNo: string };

  const listed = (q: string) => (r: { url(): string }) => new URL(r.url()).pathname === '/api/v1/customers' && new URL(r.url()).searchParams.get('q') === q;

  step('am01 searches their customers by a customer number', async () => {
    const { page } = journey.session;
    await loginAs(page, 'am01', demoPassword);
    const { items } = await apiGet<{ items: { id: number; customerNo: string }[] }>(page, '/customers?pageSize=1');
    expect(items.length, 'am01 has customers').toBeGreaterThan(0);
    target = items[0]!;
    await openNav(page, 'customers');
    await page.getByTestId('customers-page').waitFor();
    const box = page.getByTestId('customers-search').locator('input');
    await box.fill(target.customerNo);
    await Promise.all([page.waitForResponse(listed(target.customerNo)), box.press('Enter')]);
    await page.getByTestId(`customer-link-${target.id}`).waitFor();
  });

  step('saves the filter under a name', async () => {
    const { page } = journey.session;
    await page.getByTestId('customers-save-filter').click();
    await page.getByTestId('saved-filter-name').fill(filterName);
    const [reply] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/saved-filters' && r.request().method() === 'POST'),
      page.getByTestId('saved-filter-submit').click(),
    ]);
    expect(reply.status()).toBe(201);
  });

  step('picks the saved filter after clearing the search box: the box shows the saved query', async () => {
    const { page } = journey.session;
    await page.reload();
    await page.getByTestId(`customer-link-${target.id}`).waitFor();
    // Cleared but not searched: the address (and the list) still has the query, the box does not.
    const box = page.getByTestId('customers-search').locator('input');
    await box.fill('');
    await pickSavedFilter(page);
    await page.getByTestId(`customer-link-${target.id}`).waitFor();
    await boxShows(page, target.customerNo);
  });

  step('resets the list, then picks the saved filter and gets the same result', async () => {
    const { page } = journey.session;
    await page.getByTestId('customers-reset').click();
    await page.waitForFunction(() => !new URL(window.location.href).searchParams.get('q'));
    await boxShows(page, '');
    // Something typed and not searched must not hide what the saved filter searches for either.
    await page.getByTestId('customers-search').locator('input').fill('未提交的文字');
    await pickSavedFilter(page);
    // The list may come from the query cache (the same filter was just shown), so no request is awaited.
    await page.waitForFunction((q) => new URL(window.location.href).searchParams.get('q') === q, target.customerNo);
    await page.getByTestId(`customer-link-${target.id}`).waitFor();
    await boxShows(page, target.customerNo);
    await saveScreenshot(page, 'customers-saved-filter');
  });

  step('deletes the saved filter again', async () => {
    const { page } = journey.session;
    await page.getByTestId('customers-saved-filter-delete').click();
    const [reply] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/v1/saved-filters/') && r.request().method() === 'DELETE'),
      page.locator('.ant-popconfirm-buttons .ant-btn-primary').click(),
    ]);
    expect(reply.status()).toBeLessThan(300);
  });
});
