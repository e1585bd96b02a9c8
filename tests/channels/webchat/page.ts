import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';
import { launchChromium } from '../../helpers/browser';

/** Helpers for driving the web chat page in Chromium the way a person would. */

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function openChat(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
  beforeLoad: (page: Page) => Promise<void> | void = () => {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(60_000); // the 4 MB Web Chat bundle on a busy 2-core machine
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await beforeLoad(page);
  await page.goto(`${origin}/`);
  return { context, page, errors };
}

export async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

/** The transcript entries as shown on screen. */
export function activities(page: Page) {
  return page.locator('.webchat__basic-transcript__activity');
}

export function cards(page: Page) {
  return activities(page).filter({ has: page.locator('.ac-adaptiveCard') });
}

export async function seeStep(page: Page, progress: string): Promise<void> {
  await activities(page).last().getByText(progress, { exact: true }).waitFor();
}

export function latestCardButton(page: Page, name: string) {
  return cards(page).last().getByRole('button', { name, exact: true });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.x A/AA violations on the page, as "rule: targets" lines (none expected). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) allows.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))
  `);
}

/** Polls a condition from the test side (the page's CSP refuses waitForFunction's string eval). */
export async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Our server on a free port and one Chromium for the whole test file: call at the top level of a
 * test file; the getters are valid inside its tests.
 */
export function pageInChromium(): { browser: () => Browser; origin: () => string } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let origin = '';
  beforeAll(async () => {
    server = await startServer(readConfig({ PORT: '0' }), silentLogger);
    origin = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { browser: () => browser!, origin: () => origin };
}
