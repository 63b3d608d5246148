import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

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

/**
 * Clicks an option of an antd Select until it shows as selected: a click that lands while the list is
 * still opening can be lost (seen in full runs, never alone), and the form then fails on an empty field.
 */
async function clickUntilSelected(select: Locator, option: Locator): Promise<void> {
  const selected = async () => (await option.getAttribute('class'))?.includes('ant-select-item-option-selected') ?? false;
  for (let attempt = 1; attempt <= 3; attempt++) {
    // The first click waits for the opening list; a later one reopens it if the lost click closed it.
    if (attempt > 1 && !(await option.isVisible())) await select.click();
    await option.click();
    try {
      await expect.poll(selected, { timeout: 2_000 }).toBe(true);
      return;
    } catch {
      // The click was lost: try again.
    }
  }
  throw new Error('The option never showed as selected');
}

/** Picks the option of a single Select whose label carries `labelTestId`. */
export async function pickOption(page: Page, selectTestId: string, labelTestId: string): Promise<void> {
  const select = page.getByTestId(selectTestId);
  await select.click();
  await clickUntilSelected(select, page.locator('.ant-select-item-option', { has: page.getByTestId(labelTestId) }));
}

/** Picks options in a RoleSelect (multiple or single), then closes its dropdown. */
export async function pickRoles(page: Page, selectTestId: string, roles: readonly string[]): Promise<void> {
  const select = page.getByTestId(selectTestId);
  await select.click();
  for (const role of roles) await clickUntilSelected(select, page.getByTestId(`role-option-${role}`));
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
