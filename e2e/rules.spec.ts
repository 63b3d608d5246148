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

  step('province_manager opens the rule versions and starts a draft for DEMO-02 from the HQ grading rules', async () => {
    const { page } = journey.session;
    await loginAs(page, 'province_manager', demoPassword);
    const { items } = await apiGet<{ items: RuleSetRow[] }>(page, '/rule-sets');
    hqGrading = items.find((s) => s.kind === 'grading' && s.status === 'active' && s.orgCode === 'HQ')!;
    expect(hqGrading, 'the seeded HQ grading set is active').toBeDefined();
    await page.goto('/rules/sets');
    await page.getByTestId(`rule-new-draft-${hqGrading.id}`).click();
    await page.getByTestId('rule-org').fill('DEMO-02');
    await page.getByTestId('rule-name').fill('二市定级（金卡 800 元）');
    await page.getByTestId('rule-effective').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2099-01-01');
    await page.keyboard.press('Enter');
    // Unordered thresholds first: the editor shows the server's validation at the field path.
    const unordered = { ...hqGrading.body, tiers: [...hqGrading.body.tiers].reverse() };
    await page.getByTestId('rule-body').fill(JSON.stringify(unordered, null, 2));
    await page.getByTestId('rule-reason').fill(reason);
    await page.getByTestId('rule-save').click();
    await expect.poll(() => page.getByTestId('rule-validation').textContent()).toContain('tiers[1]');
    const raised = { ...hqGrading.body, tiers: hqGrading.body.tiers.map((t) => (t.grade === 'gold' ? { ...t, minAverageFen: 80_000 } : t)) };
    await page.getByTestId('rule-body').fill(JSON.stringify(raised, null, 2));
    await page.getByTestId('rule-save').click();
    await page.getByTestId('rule-save').waitFor({ state: 'hidden' });
    const after = await apiGet<{ items: RuleSetRow[] }>(page, '/rule-sets?kind=grading&status=draft');
    draft = after.items.filter((s) => s.orgCode === 'DEMO-02').sort((a, b) => b.id - a.id)[0]!;
    expect(draft.body.tiers.find((t) => t.grade === 'gold')?.minAverageFen).toBe(80_000);
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
});
