import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEBCHAT_MAX_TEXT } from '../../../src/channels/webchat/route';
import { PHONE, activities, axeViolations, openChat, pageInChromium, until } from './page';

/**
 * A long message on the page: the send box stops at the server's limit and a counter says how much
 * room is left, so nothing ends in an error. Needs Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
jest.setTimeout(180_000);

const chromium = pageInChromium();
const SHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');

it("the page's limit is the server's", () => {
  const app = readFileSync(
    join(__dirname, '..', '..', '..', 'src', 'channels', 'webchat', 'public', 'app.js'),
    'utf8',
  );
  expect(app).toMatch(new RegExp(`var MAX_TEXT = ${WEBCHAT_MAX_TEXT};`));
});

it('stops typing at the limit, counts down near it, and sends a long message fine', async () => {
  const { context, page, errors } = await openChat(chromium.browser(), chromium.origin(), {
    viewport: PHONE,
  });
  try {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    const counter = page.locator('#input-counter');
    await input.click();
    await input.fill('is it safe to massage my neck? ');
    expect(await counter.isHidden()).toBe(true);

    const story = 'My neck has been stiff all week from sitting at a laptop. '.repeat(70);
    await input.fill(story);
    expect((await input.inputValue()).length).toBe(WEBCHAT_MAX_TEXT);
    await until(async () => (await counter.textContent())?.includes('4,000 characters') ?? false);
    expect(await counter.textContent()).toBe(
      'That is the most one message can hold (4,000 characters).',
    );
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'input-limit-390x844.png') });
    expect(await axeViolations(page)).toEqual([]);

    await input.fill(story.slice(0, 3500));
    expect(await counter.textContent()).toBe('500 of 4,000 characters left');

    await input.fill(`${story.slice(0, 3900)} Can a gentle massage help?`);
    const before = await activities(page).count();
    await input.press('Enter');
    await until(async () => (await activities(page).count()) >= before + 2);
    expect((await input.inputValue()).length).toBe(0);
    await until(async () => await counter.isHidden());
    expect(await page.getByText(/couldn't reach the coach/).count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
