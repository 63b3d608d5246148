import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, demoPassword, loginAs, openNav } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

// The demo's year of service quality: DEMO-01, 2025-11 to 2026-10.
const RANGE = 'from=2025-11&to=2026-10';

/** The count a drill-down link shows (digits only), and the list query behind it. */
async function drillTarget(page: Page, testId: string): Promise<{ value: number; search: string }> {
  const link = page.getByTestId(testId);
  await link.waitFor();
  const href = (await link.getAttribute('href')) ?? '';
  return { value: Number((await link.textContent())?.replace(/[^\d]/g, '')), search: href.slice(href.indexOf('?') + 1) };
}

describe('a city manager reads the service dashboards of the demo year and drills into the lists behind the numbers', () => {
  const journey = useJourney();
  const { step } = journey;

  step('the survey dashboard shows approval (VIP and 贵宾) and the satisfaction index per district, with trends', async () => {
    const { page } = journey.session;
    await loginAs(page, 'city_manager', demoPassword);
    await openNav(page, 'surveyMeasures');
    await page.getByTestId('survey-measures-page').waitFor();
    await page.goto(`/surveys/measures?by=district&${RANGE}`);
    const api = await apiGet<{ rows: { key: string }[]; total: { vip: { rate: number }; guest: { rate: number }; index: number } }>(
      page,
      `/measures/surveys?by=district&${RANGE}`,
    );
    expect(api.rows.map((row) => row.key)).toEqual(['DEMO-01-01', 'DEMO-01-02', 'DEMO-01-03', 'DEMO-01-04', 'DEMO-01-05', 'DEMO-01-06']);
    expect(api.total.vip.rate).toBeGreaterThan(api.total.guest.rate);
    await expect.poll(() => page.getByTestId('survey-measure-vip').textContent()).toBe(`${(api.total.vip.rate * 100).toFixed(1)}%`);
    await expect.poll(() => page.getByTestId('survey-measures-table').locator('tbody tr.ant-table-row').count()).toBe(6);
    await page.getByTestId('chart-survey-trend').locator('canvas').waitFor();
    await saveScreenshot(page, 'survey-measures');
  });

  step('the 贵宾 approval rate opens the survey answers behind it, as many as were surveyed', async () => {
    const { page } = journey.session;
    const { search } = await drillTarget(page, 'survey-measure-guest');
    expect(search).toContain('customerClass=guest');
    const listed = await apiGet<{ total: number }>(page, `/survey-responses?${search}`);
    const rollup = await apiGet<{ total: { guest: { surveyed: number } } }>(page, `/measures/surveys?by=district&${RANGE}`);
    expect(listed.total).toBe(rollup.total.guest.surveyed);
    expect(listed.total).toBeGreaterThan(0);
    await page.getByTestId('survey-measure-guest').click();
    await page.getByTestId('survey-responses-page').waitFor();
    await page.getByTestId('drill-down-filters').waitFor();
    await expect.poll(() => page.getByTestId('survey-responses-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
  });

  step('the revisit dashboard shows rate, timeliness and satisfaction per manager; a count opens its revisits', async () => {
    const { page } = journey.session;
    await page.goto(`/revisits/measures?by=manager&${RANGE}`);
    await page.getByTestId('revisit-measures-page').waitFor();
    await expect.poll(() => page.getByTestId('revisit-measures-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(30);
    await saveScreenshot(page, 'revisit-measures');
    const { value, search } = await drillTarget(page, 'revisit-measure-due');
    const listed = await apiGet<{ total: number }>(page, `/revisits?${search}`);
    expect(listed.total).toBe(value);
    await page.getByTestId('revisit-measure-due').click();
    await page.getByTestId('revisits-page').waitFor();
    await expect.poll(() => page.getByTestId('revisits-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'revisits-drill-down');
  });

  step('the complaint roll-up by month drills into one month’s complaints; each table exports to Excel', async () => {
    const { page } = journey.session;
    await page.goto(`/complaints/measures?by=month&${RANGE}`);
    await page.getByTestId('complaint-rollup-table').waitFor();
    await expect.poll(() => page.getByTestId('complaint-rollup-table').locator('tbody tr.ant-table-row').count()).toBe(12);
    await saveScreenshot(page, 'complaint-rollup');
    const { value, search } = await drillTarget(page, 'rollup-total-2026-03');
    expect(value).toBeGreaterThan(0);
    expect(search).toContain('from=2026-03&to=2026-03');
    await page.getByTestId('rollup-total-2026-03').click();
    await page.getByTestId('complaints-page').waitFor();
    const listed = await apiGet<{ total: number }>(page, `/complaints?${search}`);
    expect(listed.total).toBe(value);
    await expect.poll(() => page.getByTestId('complaints-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);

    await page.goto(`/complaints/measures?by=district&${RANGE}`);
    // Without a month the cards show the range's latest month with complaints: the demo's October.
    const october = await apiGet<{ total: number }>(page, '/complaint-measures?month=2026-10');
    await expect.poll(() => page.getByTestId('measure-total').textContent()).toBe(String(october.total));
    const href = await page.getByTestId('measure-export').getAttribute('href');
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await file.body()).subarray(0, 2).toString()).toBe('PK');
  });
});
