import { describe, expect } from 'vitest';
import { adminPassword, apiGet, loginAs, logout, openNav, pickOrgUnit, pickRoles } from './support/app';
import { saveScreenshot } from './support/browser';
import { useJourney } from './support/journey';

interface OrgUnit {
  code: string;
  kind: string;
  path: string;
  active: boolean;
}

// Unique per run, so the journey also passes against a server that has seen earlier runs.
const suffix = Date.now().toString(36);
const newUser = { username: `e2e_am_${suffix}`, displayName: `端到端客户经理${suffix}`, password: `E2e#pass-${suffix}` };
const adminOnlyEntries = ['users', 'roles', 'apiTokens', 'audit', 'orgUnits', 'jobs'] as const;

describe('admin creates an account manager, who sees only what the role allows', () => {
  const journey = useJourney();
  const { step } = journey;


  step('admin signs in and opens the users page', async () => {
    const { page } = journey.session;
    await loginAs(page, 'admin', adminPassword);
    await openNav(page, 'users');
    await page.getByTestId('users-page').waitFor();
    await page.locator('[data-testid^="user-row-"]').first().waitFor();
  });

  step('admin creates an account manager in a DEMO-01 team', async () => {
    const { page } = journey.session;
    const { items } = await apiGet<{ items: OrgUnit[] }>(page, '/org-units?pageSize=1000');
    const team = items.filter((u) => u.kind === 'team' && u.active && u.path.includes('/DEMO-01/')).sort((a, b) => a.code.localeCompare(b.code))[0];
    expect(team, 'the demo data has a team under DEMO-01').toBeDefined();

    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill(newUser.username);
    await page.getByTestId('user-form-displayName').fill(newUser.displayName);
    await page.getByTestId('user-form-password').fill(newUser.password);
    await pickOrgUnit(page, 'user-form-orgUnit', team!.code);
    await pickRoles(page, 'user-form-roles', ['account_manager']);
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-form').waitFor({ state: 'detached' });

    await page.getByTestId('users-search').locator('input').fill(newUser.username);
    await page.getByTestId('users-search').locator('input').press('Enter');
    const row = page.getByTestId(`user-row-${newUser.username}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(newUser.displayName);
    await saveScreenshot(page, 'admin-users-created');
  });

  step('admin signs out', async () => {
    await logout(journey.session.page);
  });

  step('the new account manager signs in and has no admin entries', async () => {
    const { page } = journey.session;
    await loginAs(page, newUser.username, newUser.password);
    // After an explicit sign-out the next user starts at home, not on the admin page left open.
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('user-display-name').textContent()).toBe(newUser.displayName);
    await page.getByTestId('nav-customers').waitFor();
    for (const entry of adminOnlyEntries) expect(await page.getByTestId(`nav-${entry}`).count(), entry).toBe(0);
    expect(await page.getByTestId('nav-group-admin').count()).toBe(0);
  });

  step('opening /admin/users directly shows the no-permission page', async () => {
    const { page } = journey.session;
    await page.goto('/admin/users');
    await page.getByTestId('forbidden-page').waitFor();
    expect(await page.getByTestId('users-page').count()).toBe(0);
    await saveScreenshot(page, 'am-forbidden');
  });

  step('the customers page works for the new account manager', async () => {
    const { page } = journey.session;
    await page.goto('/');
    const [listed] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/customers' && r.request().method() === 'GET'),
      openNav(page, 'customers'),
    ]);
    expect(listed.status()).toBe(200);
    await page.getByTestId('customers-page').waitFor();
    await page.getByTestId('customers-table').waitFor();
    // A brand-new account manager owns no customers yet: an empty table, not an error.
    expect(await page.getByTestId('form-error').count()).toBe(0);
    await saveScreenshot(page, 'am-customers');
  });
});
