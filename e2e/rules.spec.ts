import { describe, expect } from 'vitest';
import { apiGet, demoPassword, loginAs } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface RuleSetRow {
  id: number;
  kind: string;
  label: string;
  status: string;
  orgCode: string;
  body: { tiers: { grade: string; minAverageFen: number }[] };
}

// The journey owns a grading set of the second city (DEMO-02) that takes effect in 2099: activating it
// changes no grade today, and the re-grade proposal it starts is reviewed but never applied, so the
// shared demo data other journeys read stays as it is.
const reason = `e2e 定级调整 ${Date.now().toString(36)}`;

describe('a province manager edits a draft rule set, simulates it per district, activates it, proposes the monthly re-grade and reviews it', () => {
  const journey = useJourney();
  const { step } = journey;
  let hqGrading: RuleSetRow;
  let draft: RuleSetRow;

  step('province_manager starts a draft for DEMO-02 from the HQ grading rules and edits it in the form', async () => {
    const { page } = journey.session;
    await loginAs(page, 'province_manager', demoPassword);
    const { items } = await apiGet<{ items: RuleSetRow[] }>(page, '/rule-sets');
    hqGrading = items.find((s) => s.kind === 'grading' && s.status === 'active' && s.orgCode === 'HQ')!;
    expect(hqGrading, 'the seeded HQ grading set is active').toBeDefined();
    await page.goto('/rules/sets');
    await page.getByTestId(`rule-new-draft-${hqGrading.id}`).click();
    await page.getByTestId('rule-editor').waitFor();
    await page.getByTestId('rule-org').fill('DEMO-02');
    await page.getByTestId('rule-name').fill('二市定级（金卡 800 元）');
    await page.getByTestId('rule-effective').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2099-01-01');
    await page.keyboard.press('Enter');

    // A gold bar above diamond's: the domain validator's message appears under the field as it is typed.
    const gold = page.getByTestId('rule-field-tiers-1-minAverageFen');
    expect(await gold.inputValue()).toBe('700.00');
    await gold.fill('2000');
    const goldItem = page.locator('.ant-form-item', { has: gold });
    await expect.poll(() => goldItem.locator('.ant-form-item-explain-error').textContent()).toContain('须低于上一档');
    await expect.poll(() => page.getByTestId('rule-validation').textContent()).toContain('月均消费门槛');
    await saveScreenshot(page, 'rules-editor-invalid');

    await gold.fill('800');
    await expect.poll(() => page.getByTestId('rule-validation').count()).toBe(0);
    await expect.poll(() => goldItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    // The changes against the active HQ set: only the gold bar, in yuan.
    await page.getByRole('tab', { name: '与生效版本对比' }).click();
    await expect.poll(() => page.getByTestId('rule-diff').textContent()).toContain('¥800.00');
    expect(await page.getByTestId('rule-diff').locator('tbody tr').count()).toBe(1);
    await saveScreenshot(page, 'rules-editor-diff');

    // Saving needs a reason.
    await page.getByTestId('rule-save').click();
    await expect.poll(() => page.getByText('请填写原因').count()).toBeGreaterThan(0);
    await page.getByTestId('rule-reason').fill(reason);
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-editor').waitFor({ state: 'hidden' });
    const after = await apiGet<{ items: RuleSetRow[] }>(page, '/rule-sets?kind=grading&status=draft');
    draft = after.items.filter((s) => s.orgCode === 'DEMO-02').sort((a, b) => b.id - a.id)[0]!;
    expect(draft.body.tiers.find((t) => t.grade === 'gold')?.minAverageFen).toBe(80_000);
    expect(draft).toMatchObject({ reason, status: 'draft' });
  });

  step('simulates the draft and sees the movement per district of DEMO-02', async () => {
    const { page } = journey.session;
    await page.getByTestId(`rule-simulate-${draft.id}`).click();
    await page.getByTestId('rule-simulation-page').waitFor();
    await page.getByTestId('simulation-run').click();
    await page.getByTestId('simulation-chart').waitFor();
    const districts = await page.getByTestId('simulation-districts').textContent();
    expect(districts).toContain('DEMO-02-');
    expect(districts).not.toContain('DEMO-01-');
    await saveScreenshot(page, 'rules-simulation');
  });

  step('activates the draft', async () => {
    const { page } = journey.session;
    await page.goto('/rules/sets');
    await page.getByTestId(`rule-activate-${draft.id}`).click();
    await page.getByTestId('rule-activate-reason').fill(reason);
    await page.getByTestId('rule-activate-ok').click();
    await expect.poll(async () => (await apiGet<RuleSetRow>(page, `/rule-sets/${draft.id}`)).status).toBe('active');
  });

  step('proposes the monthly re-grade and keeps one customer at their grade with a reason', async () => {
    const { page } = journey.session;
    await page.goto('/rules/regrade');
    await page.getByTestId('regrade-start').click();
    await page.getByTestId('regrade-items').waitFor();
    const keep = page.locator('[data-testid^="regrade-keep-C"]').first();
    await keep.waitFor();
    const customerNo = ((await keep.getAttribute('data-testid')) ?? '').replace('regrade-keep-', '');
    await keep.click();
    await page.getByTestId('regrade-keep-reason').fill(reason);
    await page.getByTestId('regrade-keep-ok').click();
    await page.getByTestId(`regrade-kept-${customerNo}`).waitFor();
    await saveScreenshot(page, 'rules-regrade-review');
  });

  step('every rule kind has its form, and a province cannot loosen HQ’s load limits', async () => {
    const { page } = journey.session;
    const { items } = await apiGet<{ items: RuleSetRow[] }>(page, '/rule-sets?status=active');
    const hq = (kind: string) => items.find((s) => s.kind === kind && s.orgCode === 'HQ')!;
    const shown: [kind: string, field: string, value: string][] = [
      ['star', 'levels-0-minAverageFen', '1700.00'],
      ['credit', 'maxTemporaryCreditDays', '7'],
      ['points', 'multiplierPercent-star2', '1.50'],
      ['potential', 'competitorMinMonthlyFen', '300.00'],
      ['load_limits', 'vip', '50'],
    ];
    await page.goto('/rules/sets');
    for (const [kind, field, value] of shown) {
      await page.getByTestId(`rule-new-draft-${hq(kind).id}`).click();
      expect(await page.getByTestId(`rule-field-${field}`).inputValue(), `${kind} ${field}`).toBe(value);
      if (kind !== 'load_limits') {
        await page.locator('.ant-drawer-close').click();
        await page.getByTestId('rule-editor').waitFor({ state: 'hidden' });
      }
    }
    // The load-limit draft is open for the province: a limit of 1 VIP shows the managers it would put over.
    await page.getByTestId('rule-field-vip').fill('1');
    await expect.poll(() => page.getByTestId('load-limits-impact').getAttribute('class')).toContain('ant-alert-warning');
    // 60 VIPs passes the shape check but not HQ's 50.
    await page.getByTestId('rule-field-vip').fill('60');
    await page.getByTestId('rule-reason').fill(reason);
    await page.getByTestId('rule-save').click();
    const vipItem = page.locator('.ant-form-item', { has: page.getByTestId('rule-field-vip') });
    await expect.poll(() => vipItem.locator('.ant-form-item-explain-error').textContent()).toContain('不能高于上级机构的上限');
    await saveScreenshot(page, 'rules-load-limits-looser');
  });
});
