import { describe, expect } from 'vitest';
import { demoPassword, loginAs, logout } from './support/app';
import { useJourney } from './support/journey';

// The language follows the account (PATCH /auth/me) and, before sign-in, the browser (localStorage).
describe('language preference', () => {
  const journey = useJourney();
  const { step } = journey;


  const htmlLang = () => journey.session.page.evaluate(() => document.documentElement.lang);

  step('the app starts in Chinese', async () => {
    await loginAs(journey.session.page, 'analyst', demoPassword);
    expect(await htmlLang()).toBe('zh-CN');
  });

  step('switching to English is kept on the account across a reload', async () => {
    const { page } = journey.session;
    await page.getByTestId('user-menu').click();
    const [saved] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/me' && r.request().method() === 'PATCH'),
      page.getByTestId('lang-en').click(),
    ]);
    expect(saved.status()).toBe(200);
    expect(await htmlLang()).toBe('en');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    expect(await htmlLang()).toBe('en');
  });

  step('after sign-out the login page stays in the last language', async () => {
    await logout(journey.session.page);
    expect(await htmlLang()).toBe('en');
  });

  step('a language picked on the login page becomes the account language', async () => {
    const { page } = journey.session;
    await page.getByTestId('login-language').getByText('简体中文').click();
    expect(await htmlLang()).toBe('zh-CN');
    await page.getByTestId('login-username').fill('analyst');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect(await htmlLang()).toBe('zh-CN');
    const me = await page.request.get('/api/v1/auth/me');
    expect(((await me.json()) as { user: { locale: string } }).user.locale).toBe('zh-CN');
  });
});
