import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, it, onTestFailed } from 'vitest';
import { launchBrowser, openSession, recordFailure, type Session } from './browser';

/**
 * One browser session for a describe block whose tests are the steps of one journey: opened before the
 * first step, closed after the last, with a screenshot and console log recorded for a failing step.
 */
export function useJourney() {
  let browser: Browser | undefined;
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    session = await openSession(browser);
  });

  afterAll(async () => {
    await session?.context.close();
    await browser?.close();
  });

  return {
    get session(): Session {
      if (!session) throw new Error('the journey has not started');
      return session;
    },
    step(name: string, body: () => Promise<void>) {
      it(name, async () => {
        onTestFailed(() => recordFailure(session, name));
        await body();
      });
    },
  };
}
