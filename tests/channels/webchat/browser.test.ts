import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { pageInChromium } from './page';

/**
 * The web chat page in a real (headless) Chromium, used the way a person would: read the welcome,
 * type questions, click the routine card's buttons. Needs Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
const TIMEOUT_MS = 120_000;
const ARTIFACTS = join(__dirname, '..', '..', 'artifacts');
const DISCLAIMER =
  'General information, not medical advice. If in doubt, ask a healthcare professional.';

jest.setTimeout(TIMEOUT_MS);

const chromium = pageInChromium();

/** A fresh browser profile (own sessionStorage) with the chat page open; collects page errors. */
async function openChat(
  beforeLoad: (page: Page) => void = () => {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.browser().newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(60_000); // the 4 MB Web Chat bundle on a busy 2-core machine
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  beforeLoad(page);
  await page.goto(`${chromium.origin()}/`);
  return { context, page, errors };
}

/** Types into Web Chat's send box and sends with Enter. */
async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

/** The transcript entries as shown on screen (not Web Chat's hidden screen-reader live region). */
function activities(page: Page) {
  return page.locator('.webchat__basic-transcript__activity');
}

/** The most recent transcript entry (bubble or card) containing the text. */
function transcriptText(page: Page, text: string | RegExp) {
  return activities(page).filter({ hasText: text }).last();
}

/** Waits for the latest entry to be a routine card showing exactly this progress, e.g. "Step 3 of 6". */
async function seeStep(page: Page, progress: string): Promise<void> {
  await activities(page).last().getByText(progress, { exact: true }).waitFor();
}

/** Clicks a button on the latest card. */
async function clickOnLatestCard(page: Page, name: string): Promise<void> {
  await activities(page)
    .filter({ has: page.locator('.ac-adaptiveCard') })
    .last()
    .getByRole('button', { name, exact: true })
    .click();
}

function suggestedAction(page: Page, name: string) {
  return page
    .getByRole('toolbar', { name: 'Suggested actions' })
    .getByRole('button', { name, exact: true });
}

test('a person chats with the coach: question, routine with card buttons, safety stop', async () => {
  // Nothing may come from anywhere but our own server (no CDN, no fonts, no analytics).
  const requestsOffSite: string[] = [];
  const { context, page, errors } = await openChat((p) =>
    p.on('request', (req) => {
      const url = req.url();
      if (/^(data|blob):/.test(url)) return;
      if (new URL(url).origin !== chromium.origin()) requestsOffSite.push(url);
    }),
  );

  await expect(page.title()).resolves.toBe('Neck Massage Coach');
  await page.getByRole('heading', { name: 'Neck Massage Coach' }).waitFor();

  // The welcome, and the disclaimer that stays on the page.
  await transcriptText(page, /Neck Massage Coach/).waitFor();
  await transcriptText(page, 'not medical advice').waitFor();
  const disclaimer = page.getByText(DISCLAIMER, { exact: true });
  await disclaimer.waitFor();
  await suggestedAction(page, 'Start neck stretches').waitFor();

  // A question, typed.
  await say(page, 'is it safe to massage my neck');
  await transcriptText(page, 'is it safe to massage my neck').waitFor();
  await transcriptText(page, /generally safe/i).waitFor();

  // A routine: the first step arrives as a card.
  await say(page, 'start neck stretches');
  await seeStep(page, 'Step 1 of 6');

  // Two clicks on the latest card's Next button.
  await clickOnLatestCard(page, 'Next');
  await seeStep(page, 'Step 2 of 6');
  await clickOnLatestCard(page, 'Next');
  await seeStep(page, 'Step 3 of 6');

  // A safety concern stops the routine with a precaution.
  await say(page, 'I feel dizzy');
  // (The coach's card, not the user's own "I feel dizzy" bubble, which shows first.)
  const precaution = activities(page)
    .filter({ has: page.locator('.ac-adaptiveCard') })
    .filter({ hasText: /dizz/i })
    .last();
  await precaution.waitFor();
  await expect(precaution.textContent()).resolves.toMatch(/stop/i);
  await transcriptText(page, /stopped/).waitFor();

  // Let the scroll settle before the picture.
  await page.waitForTimeout(500);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'webchat.png') });

  await expect(disclaimer.isVisible()).resolves.toBe(true);
  expect(await page.getByText("couldn't reach the coach").count()).toBe(0);
  expect(requestsOffSite).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('a reload keeps the conversation: the coach offers to pick up the routine', async () => {
  const { context, page, errors } = await openChat();
  await transcriptText(page, 'not medical advice').waitFor();
  await suggestedAction(page, 'Start neck stretches').click();
  await seeStep(page, 'Step 1 of 6');
  await clickOnLatestCard(page, 'Next');
  await seeStep(page, 'Step 2 of 6');

  await page.reload();
  // The welcome-back question itself, not the step 2 card of the history shown before it arrives
  // (a "yes" sent before the question is no answer to it).
  await transcriptText(page, /last time you got to step 2/i).waitFor();
  await say(page, 'yes');
  await seeStep(page, 'Step 2 of 6');
  expect(errors).toEqual([]);
  await context.close();
});

test('when the coach cannot be reached, the chat says so and "Try again" recovers', async () => {
  const { context, page, errors } = await openChat();
  await transcriptText(page, 'not medical advice').waitFor();

  await page.route('**/api/webchat', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: '{"error":"boom"}',
    }),
  );
  await say(page, 'is it safe to massage my neck');
  await transcriptText(page, "Sorry, I couldn't reach the coach. Please try again.").waitFor();

  await page.unroute('**/api/webchat');
  await suggestedAction(page, 'Try again').click();
  await transcriptText(page, /generally safe/i).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
