import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  activities,
  axeViolations,
  cards,
  latestCardButton,
  openChat,
  pageInChromium,
  say,
  seeStep,
  until,
} from './page';

/**
 * The page coaches: step cards with progress, a hold timer and the right buttons; an emergency that
 * looks like one, with a call button; a transcript that survives a reload; dark colours. Each state
 * is photographed at desktop and phone size (tests/artifacts/screenshots/) and checked with axe-core.
 * Needs Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
jest.setTimeout(180_000);

const SHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');

const chromium = pageInChromium();

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/** Photographs the page and returns axe's violations (after the scroll has settled). */
async function capture(page: Page, name: string, size: string): Promise<string[]> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`) });
  return axeViolations(page);
}

describe.each([
  ['1280x800', DESKTOP, 'light'],
  ['390x844', PHONE, 'light'],
  ['390x844-dark', PHONE, 'dark'],
] as const)('at %s', (size, viewport, colorScheme) => {
  test('welcome, answer, step mid-countdown, precaution, emergency: pictures, 0 axe violations', async () => {
    const { context, page, errors } = await openChat(chromium.browser(), chromium.origin(), {
      viewport,
      colorScheme,
    });
    const found: Record<string, string[]> = {};

    await activities(page).filter({ hasText: 'not medical advice' }).waitFor();
    found.welcome = await capture(page, 'welcome', size);

    await say(page, 'is it safe to massage my neck');
    await activities(page)
      .filter({ hasText: /generally safe/i })
      .waitFor();
    found.answer = await capture(page, 'answer', size);

    await say(page, 'start neck stretches');
    await seeStep(page, 'Step 1 of 6');
    await latestCardButton(page, 'Next').click();
    await seeStep(page, 'Step 2 of 6');
    const timer = cards(page).last().locator('.coach-timer');
    await timer.getByRole('button', { name: 'Start the 10-second hold' }).click();
    await until(async () => ((await timer.getByRole('timer').textContent()) ?? '') < '0:09');
    found.step = await capture(page, 'step-countdown', size);

    await say(page, 'I feel dizzy');
    await cards(page).last().filter({ hasText: /dizz/i }).waitFor();
    found.precaution = await capture(page, 'precaution', size);

    await say(page, 'my face is drooping and my speech is slurred');
    await cards(page).last().filter({ hasText: 'Get emergency help now' }).waitFor();
    found.emergency = await capture(page, 'emergency', size);

    expect(found).toEqual({ welcome: [], answer: [], step: [], precaution: [], emergency: [] });
    if (colorScheme === 'dark') {
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(background).toBe('rgb(11, 20, 19)');
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('step cards: progress, no Back on step 1, Next primary and Stop apart, earlier cards disabled', async () => {
  const { context, page, errors } = await openChat(chromium.browser(), chromium.origin());
  await say(page, 'start neck stretches');
  await seeStep(page, 'Step 1 of 6');
  const first = cards(page).nth(0);
  await expect(first.getByRole('button').allTextContents()).resolves.toEqual([
    'Repeat',
    'Next',
    'Stop',
  ]);
  // One filled segment of six.
  await expect(first.locator("[id$='-progress'] > .ac-container").count()).resolves.toBe(6);
  await expect(first.locator('.ac-pushButton.style-positive').textContent()).resolves.toBe('Next');
  await expect(first.locator('.ac-pushButton.style-destructive').textContent()).resolves.toBe(
    'Stop',
  );
  await expect(first.locator('.coach-timer').count()).resolves.toBe(0); // step 1 has no hold

  await latestCardButton(page, 'Next').click();
  await seeStep(page, 'Step 2 of 6');
  await expect(
    cards(page).last().getByRole('button', { name: 'Back', exact: true }).isEnabled(),
  ).resolves.toBe(true);
  // The step 1 card is history now: none of its buttons work.
  await expect(first.locator('.ac-pushButton:enabled').count()).resolves.toBe(0);

  // The hold timer: start, announced, pause.
  const timer = cards(page).last().locator('.coach-timer');
  await expect(timer.getByRole('timer').textContent()).resolves.toBe('0:10');
  await timer.getByRole('button', { name: 'Start the 10-second hold' }).click();
  await timer.getByText('Hold for 10 seconds.').waitFor();
  await expect(timer.locator('[aria-live="polite"]').textContent()).resolves.toBe(
    'Hold for 10 seconds.',
  );
  await page.waitForTimeout(1300);
  await timer.getByRole('button', { name: 'Pause the hold' }).click();
  const paused = await timer.getByRole('timer').textContent();
  expect(paused).toMatch(/^0:0[5-9]$/);
  await page.waitForTimeout(1200);
  await expect(timer.getByRole('timer').textContent()).resolves.toBe(paused);
  await expect(timer.locator('[aria-live="polite"]').textContent()).resolves.toBe('Hold paused.');

  // Stopping the routine leaves no live step buttons.
  await latestCardButton(page, 'Stop').click();
  await activities(page)
    .filter({ hasText: /stopped/i })
    .last()
    .waitFor();
  await page.waitForTimeout(200);
  await expect(cards(page).locator('.ac-pushButton:enabled').count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test.each([
  ['en-US', '911'],
  ['en-GB', '999'],
  ['en-AU', '000'],
  ['en-IN', '112'],
  ['de-DE', '112'],
])(
  'an emergency in %s offers a tap-to-call button for %s, and no "for now"',
  async (locale, number) => {
    const { context, page, errors } = await openChat(chromium.browser(), chromium.origin(), {
      locale,
    });
    await say(page, 'start neck stretches');
    await seeStep(page, 'Step 1 of 6');
    await say(page, 'my face is drooping and my speech is slurred');
    const card = cards(page).last().filter({ hasText: 'Get emergency help now' });
    await card.waitFor();
    const call = card.getByRole('link', { name: `Call ${number}` });
    await expect(call.getAttribute('href')).resolves.toBe(`tel:${number}`);
    await expect(card.textContent()).resolves.not.toMatch(/for now/i);
    // Full width: as wide as the transcript's messages can be, wider than any bubble.
    const width = (await card.locator('.ac-adaptiveCard').boundingBox())!.width;
    expect(width).toBeGreaterThan(600);
    expect(errors).toEqual([]);
    await context.close();
  },
);

test('a reload shows the conversation so far, then the offer to pick up', async () => {
  const { context, page, errors } = await openChat(chromium.browser(), chromium.origin());
  await say(page, 'is it safe to massage my neck');
  await activities(page)
    .filter({ hasText: /generally safe/i })
    .waitFor();
  await say(page, 'start neck stretches');
  await seeStep(page, 'Step 1 of 6');
  const before = await activities(page).count();

  await page.reload();
  await activities(page).filter({ hasText: 'You said: is it safe to massage my neck' }).waitFor();
  await activities(page)
    .filter({ hasText: /generally safe/i })
    .waitFor();
  await cards(page).filter({ hasText: 'Step 1 of 6' }).waitFor();
  await until(async () => (await activities(page).count()) > before);
  // The restored card is history: the pick-up offer is the way on.
  await expect(cards(page).first().locator('.ac-pushButton:enabled').count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('on a phone, suggestions sit in one row that scrolls sideways', async () => {
  const { context, page } = await openChat(chromium.browser(), chromium.origin(), {
    viewport: PHONE,
  });
  const toolbar = page.getByRole('toolbar', { name: 'Suggested actions' });
  await toolbar.getByRole('button').first().waitFor();
  const buttons = await toolbar.getByRole('button').all();
  const tops = await Promise.all(buttons.map(async (b) => Math.round((await b.boundingBox())!.y)));
  expect(tops.length).toBeGreaterThan(1);
  expect(new Set(tops).size).toBe(1);
  const [scrollWidth, clientWidth] = await page.evaluate<number[]>(
    `(b => [b.scrollWidth, b.clientWidth])(document.querySelector('.webchat__suggested-actions__flow-box'))`,
  );
  expect(scrollWidth).toBeGreaterThan(clientWidth!);
  await context.close();
});
