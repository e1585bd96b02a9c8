import type { Browser } from 'playwright-core';
import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';
import { describePageWeight, measurePageWeight } from '../../../src/tools/page-weight';
import { launchChromium } from '../../helpers/browser';

/**
 * What the page costs on the wire in Chromium (the DevTools network log), first visit and reload.
 * Needs the built page (`npm run build`) and Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
jest.setTimeout(90_000);

const FIRST_LOAD_MAX = 1.2 * 1000 * 1000;
const RELOAD_MAX = 50 * 1000;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(readConfig({ PORT: '0' }), silentLogger);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('first load ≤ 1.2 MB transferred, reload ≤ 50 KB', async () => {
  const weight = await measurePageWeight(browser, `http://127.0.0.1:${server.port}`);
  console.log(describePageWeight(weight));
  const paths = weight.firstLoad.transfers.map((t) => new URL(t.url).pathname);
  expect(paths).toContain('/');
  expect(paths.some((p) => /^\/webchat\/webchat\.[0-9a-f]{16}\.js$/.test(p))).toBe(true);
  expect(weight.firstLoad.bytes).toBeLessThanOrEqual(FIRST_LOAD_MAX);
  // The page itself is asked for again (a 304) and the chat talks to the coach; nothing else.
  expect(weight.reload.transfers.some((t) => t.url.endsWith('/') && t.status === 304)).toBe(true);
  expect(weight.reload.bytes).toBeLessThanOrEqual(RELOAD_MAX);
});
