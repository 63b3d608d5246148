import type { Page } from 'playwright-core';

export const adminPassword = process.env.PATRON_ADMIN_PASSWORD ?? 'Admin#2026demo';
export const demoPassword = process.env.PATRON_DEMO_PASSWORD ?? 'Demo#2026pass';

/** Signs in through the login form and waits for the application shell. */
export async function loginAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-page').waitFor();
}

/** Clicks a menu entry by page key (nav-users, nav-customers…), opening its group first if needed. */
export async function openNav(page: Page, key: string): Promise<void> {
  // The menu renders once the session is known; before that nothing is clickable.
  await page.getByTestId('app-nav').waitFor();
  const entry = page.getByTestId(`nav-${key}`);
  if (!(await entry.isVisible())) await page.getByTestId('nav-group-admin').click();
  await entry.click();
}

/** Picks an org unit in an OrgUnitTreeSelect by searching for its code. */
export async function pickOrgUnit(page: Page, selectTestId: string, code: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.keyboard.type(code);
  await page.getByTestId(`org-option-${code}`).click();
  await page.getByTestId(`org-option-${code}`).waitFor({ state: 'hidden' });
}

/** Picks options in a RoleSelect (multiple or single), then closes its dropdown. */
export async function pickRoles(page: Page, selectTestId: string, roles: readonly string[]): Promise<void> {
  await page.getByTestId(selectTestId).click();
  for (const role of roles) await page.getByTestId(`role-option-${role}`).click();
  await page.keyboard.press('Escape');
  // Clicking elsewhere while the list is still animating closed can land on the list itself.
  await page.getByTestId(`role-option-${roles[0]}`).waitFor({ state: 'hidden' });
}

/** Calls the API with the page's session cookie, for lookups a journey needs but does not test. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  if (!response.ok()) throw new Error(`GET ${path} → ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}
