import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { startServer, type RunningServer } from '../../../src/server';
import { launchChromium } from '../../helpers/browser';

/**
 * The local Teams loop the README recommends: the Microsoft 365 Agents Playground (from npm, a
 * devDependency) pointed at our /api/messages as the `msteams` channel, driven in headless
 * Chromium like a person would: ask, start a routine, click Next on the step card.
 * Everything stays on loopback: the page's requests elsewhere (Office CDN fonts) are refused.
 */
const TIMEOUT_MS = 180_000;
const ARTIFACTS = join(__dirname, '..', '..', 'artifacts');
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

jest.setTimeout(TIMEOUT_MS);

let server: RunningServer;
let playground: ChildProcess | undefined;
let playgroundUrl: string;
let browser: Browser;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the Playground CLI and resolves with its URL once it says it listens. */
function startPlayground(botEndpoint: string, port: number): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      PLAYGROUND_CLI,
      ...['--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', String(port)],
      '--disable-telemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  playground = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`playground did not start: ${output}`)),
      60_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${listening[1]}`);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`playground exited (${code}): ${output}`));
    });
  });
}

beforeAll(async () => {
  server = await startServer(readConfig({ PORT: '0' }), silentLogger);
  playgroundUrl = await startPlayground(
    `http://127.0.0.1:${server.port}/api/messages`,
    await freePort(),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (playground && playground.exitCode === null) {
    const exited = new Promise((resolve) => playground?.once('exit', resolve));
    playground.kill();
    await exited;
  }
  await server?.close();
});

/** Types into the Playground's compose box and presses its send button. */
async function say(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `playground-${name}.png`) });
}

test('in the Agents Playground (msteams) a person asks, starts a routine and clicks Next on the card', async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const offLoopback: string[] = [];
  await page.route(/^https?:\/\/(?!(127\.0\.0\.1|localhost)[:/])/, (route) => {
    offLoopback.push(route.request().url());
    return route.abort();
  });

  await page.goto(playgroundUrl, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  // The welcome: the Playground installs the app, our bot greets.
  await page
    .getByText(/Neck Massage Coach/)
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Start neck stretches' }).waitFor();

  await say(page, 'is it safe to massage my neck');
  await page
    .getByText(/generally safe/)
    .first()
    .waitFor();

  await say(page, 'start neck stretches');
  await page.getByText('Step 1 of 6', { exact: true }).waitFor();
  // The routine's lead is a text message without suggested actions: its Markdown renders.
  await page.locator('strong', { hasText: 'Gentle neck stretches' }).first().waitFor();
  await snapshot(page, 'step-1');

  await page.getByRole('button', { name: 'Next', exact: true }).last().click();
  await page.getByText('Step 2 of 6', { exact: true }).waitFor();
  await page.waitForTimeout(300);
  await snapshot(page, 'step-2');

  await page.getByRole('button', { name: 'Next', exact: true }).last().click();
  await page.getByText('Step 3 of 6', { exact: true }).waitFor();

  expect(errors).toEqual([]);
  // Nothing the page needed came from off the machine (only web fonts and an animation were asked for).
  expect(offLoopback.filter((url) => !/\.(woff2?|js)$/.test(new URL(url).pathname))).toEqual([]);
  await page.close();
});
