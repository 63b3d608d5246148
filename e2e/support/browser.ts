import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const baseUrl = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const outputDir = fileURLToPath(new URL('../.output/', import.meta.url));

// Flags for a headless Chromium in a container: no sandbox (no user namespaces), no GPU, and
// nothing that phones home or slows the first start.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, written out when a test fails. */
  problems: string[];
}

export async function openSession(browser: Browser, options: { locale?: string } = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { context, page, problems };
}

function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 120);
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(outputDir, { recursive: true });
  const path = `${outputDir}${fileSafe(name)}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

// Called from a test's onTestFailed: the picture and the browser's own complaints are usually
// enough to see what the journey was looking at.
export async function recordFailure(session: Session | undefined, testName: string): Promise<void> {
  if (!session) return;
  try {
    const path = await saveScreenshot(session.page, `FAILED-${testName}`);
    writeFileSync(path.replace(/\.png$/, '.log'), [`url: ${session.page.url()}`, ...session.problems].join('\n'));
    console.error(`Saved failure screenshot to ${path}`);
  } catch (error) {
    console.error('Could not save a failure screenshot', error);
  }
}
