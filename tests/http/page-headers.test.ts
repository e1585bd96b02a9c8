import type { Browser } from 'playwright-core';
import { readConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { launchChromium } from '../helpers/browser';

/**
 * The page's Content-Security-Policy, checked in headless Chromium rather than guessed: the web
 * chat works under it with no violation at all (Web Chat 4.18 needs no 'unsafe-eval'; it does need
 * inline styles and blob: images), eval is refused, and no other site can frame the page.
 * Needs Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
jest.setTimeout(60_000);

let server: RunningServer;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  server = await startServer(readConfig({ PORT: '0' }), silentLogger);
  origin = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('every response: nosniff, no framing; the page: its own policy, without unsafe-eval', async () => {
  for (const path of ['/', '/webchat/webchat.js', '/healthz', '/nope']) {
    const res = await fetch(`${origin}${path}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    await res.arrayBuffer();
  }
  const page = (await fetch(`${origin}/`)).headers.get('content-security-policy') ?? '';
  expect(page).toContain("script-src 'self'");
  expect(page).not.toContain('unsafe-eval');
});

it('the chat works under the policy with no violation; eval is refused', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // (Strings, not functions: these run in the page, and the tests compile without the DOM types.)
  await page.addInitScript({
    content: `window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await page.goto(`${origin}/`);
  const activities = page.locator('.webchat__basic-transcript__activity');
  await activities.filter({ hasText: 'not medical advice' }).first().waitFor();
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill('start neck stretches');
  await input.press('Enter');
  await activities.last().getByText('Step 1 of 6', { exact: true }).waitFor();
  await activities
    .filter({ has: page.locator('.ac-adaptiveCard') })
    .last()
    .getByRole('button', { name: 'Next', exact: true })
    .click();
  await activities.last().getByText('Step 2 of 6', { exact: true }).waitFor();

  const violations = await page.evaluate('window.violations');
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
  // The policy is enforced: a same-origin script (allowed) cannot turn a string into code. (The
  // test's own page.evaluate runs outside the policy, so the probe is a script of the page.)
  await page.route(`${origin}/webchat/csp-probe.js`, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `try { window.probe = String((0, eval)('1 + 1')); } catch (e) { window.probe = e.name; }`,
    }),
  );
  await page.evaluate(`document.body.append(
    Object.assign(document.createElement('script'), { src: '/webchat/csp-probe.js' }))`);
  // Polled with page.evaluate: waitForFunction turns its predicate into code inside the page, which
  // this very policy refuses.
  for (let i = 0; i < 50 && !(await page.evaluate("'probe' in window")); i++) {
    await page.waitForTimeout(100);
  }
  expect(await page.evaluate('window.probe')).toBe('EvalError');
  await context.close();
});

it('another page cannot frame it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
  });
  await page.setContent(`<iframe src="${origin}/" width="400" height="300"></iframe>`);
  await page.waitForTimeout(1_000);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  // Chromium shows its error page in the frame instead of ours.
  expect(frame?.url()).toMatch(/^chrome-error:/);
  expect(blocked.length).toBeGreaterThan(0);
  await context.close();
});
