import type { Page } from 'playwright-core';
import { activities, cards, openChat, pageInChromium, say, seeStep, until } from './page';

/**
 * Voice mode, with the Web Speech API replaced by a stub the test controls (as Web Chat's own
 * tests do): what is spoken is recorded, each utterance "ends" 20 ms later, and the test says what
 * the microphone heard. The page's clock is Playwright's fake clock, so a hold is skipped, not waited.
 * Needs Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 */
jest.setTimeout(180_000);

const SPEECH_STUB = `
  window.__spoken = [];
  window.__recognitions = [];
  class FakeUtterance {
    constructor(text) { this.text = text; this.lang = ''; this.onend = null; this.onerror = null; }
  }
  const synthesis = {
    speaking: false, pending: false, paused: false,
    speak(u) { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend({}), 20); },
    cancel() {}, pause() {}, resume() {},
    getVoices() { return []; }, addEventListener() {}, removeEventListener() {},
  };
  class FakeRecognition {
    constructor() { window.__recognitions.push(this); this.started = false; }
    start() { this.started = true; }
    stop() { if (this.onend) this.onend({}); }
    abort() { this.stop(); }
  }
  const define = (name, value) =>
    Object.defineProperty(window, name, { value, configurable: true, writable: true });
  define('speechSynthesis', synthesis);
  define('SpeechSynthesisUtterance', FakeUtterance);
  define('SpeechRecognition', FakeRecognition);
  define('webkitSpeechRecognition', FakeRecognition);
  window.__hear = (words) => {
    const r = window.__recognitions[window.__recognitions.length - 1];
    const result = Object.assign([{ transcript: words, confidence: 0.9 }], { isFinal: true });
    r.onresult({ resultIndex: 0, results: [result] });
    r.onend({});
  };
`;

interface BotActivity {
  channelData?: { speech?: Array<{ say?: string; pauseSeconds?: number }> };
}

const chromium = pageInChromium();

const spoken = (page: Page) => page.evaluate<string[]>('window.__spoken');
const recognitions = (page: Page) => page.evaluate<number>('window.__recognitions.length');

/** The sentences of the coach's latest reply, in order, as the server sent them. */
function sentencesOf(reply: BotActivity | undefined): string[] {
  return (reply?.channelData?.speech ?? []).flatMap((p) => (p.say ? [p.say] : []));
}

test('voice mode speaks each reply in order, waits through a hold, and "next" by voice advances', async () => {
  const replies: BotActivity[] = [];
  const { context, page, errors } = await openChat(
    chromium.browser(),
    chromium.origin(),
    {},
    async (p) => {
      await p.addInitScript({ content: SPEECH_STUB });
      await p.clock.install();
      p.on('response', (res) => {
        if (!res.url().endsWith('/api/webchat')) return;
        void res
          .json()
          .then((body: { activities?: BotActivity[] }) => replies.push(...(body.activities ?? [])))
          .catch(() => {});
      });
    },
  );
  await activities(page).filter({ hasText: 'not medical advice' }).waitFor();
  const voice = page.getByRole('button', { name: 'Voice' });
  const mic = page.getByRole('button', { name: 'Speak to the coach' });
  await expect(voice.getAttribute('aria-pressed')).resolves.toBe('false');
  await expect(spoken(page)).resolves.toEqual([]); // voice is off until asked for
  await voice.click();
  await expect(voice.getAttribute('aria-pressed')).resolves.toBe('true');

  // A typed start: the whole first step is spoken, sentence by sentence, in order.
  await say(page, 'start neck stretches');
  await seeStep(page, 'Step 1 of 6');
  const step1 = sentencesOf(replies[replies.length - 1]);
  expect(step1.length).toBeGreaterThan(1);
  await until(async () => (await spoken(page)).length >= step1.length);
  await expect(spoken(page)).resolves.toEqual(step1);

  // "next", heard by the microphone: step 2, spoken up to its hold, then silence while it lasts.
  await mic.click();
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('true');
  await page.evaluate("window.__hear('next')");
  await seeStep(page, 'Step 2 of 6');
  const step2 = sentencesOf(replies[replies.length - 1]);
  const holdAt = step2.findIndex((s) => /hold it there for 10 seconds/i.test(s));
  expect(holdAt).toBeGreaterThan(0);
  const upToHold = [...step1, ...step2.slice(0, holdAt + 1)];
  await until(async () => (await spoken(page)).length >= upToHold.length);
  await page.waitForTimeout(1500);
  await expect(spoken(page)).resolves.toEqual(upToHold);
  // The card's timer runs with the voice.
  const timer = cards(page).last().locator('.coach-timer');
  await expect(timer.getAttribute('data-state')).resolves.toBe('running');

  await page.clock.fastForward(10_000);
  await until(async () => (await spoken(page)).length >= step1.length + step2.length);
  await expect(spoken(page)).resolves.toEqual([...step1, ...step2]);
  await until(async () => (await timer.getAttribute('data-state')) === 'done');

  // Hands-free: having spoken, the coach listens again; "next" by voice moves on once more.
  await until(async () => (await recognitions(page)) === 2);
  await page.evaluate("window.__hear('next')");
  await seeStep(page, 'Step 3 of 6');

  // Voice off: nothing more is said.
  await voice.click();
  const said = (await spoken(page)).length;
  await say(page, 'next');
  await seeStep(page, 'Step 4 of 6');
  await page.waitForTimeout(500);
  await expect(spoken(page)).resolves.toHaveLength(said);
  expect(errors).toEqual([]);
  await context.close();
});

test('without speech in the browser, the page offers neither voice nor microphone', async () => {
  const { context, page, errors } = await openChat(
    chromium.browser(),
    chromium.origin(),
    {},
    async (p) => {
      await p.addInitScript({
        content: `for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance', 'SpeechRecognition', 'webkitSpeechRecognition'])
        Object.defineProperty(window, name, { value: undefined, configurable: true, writable: true });`,
      });
    },
  );
  await activities(page).filter({ hasText: 'not medical advice' }).waitFor();
  await expect(page.locator('#voice-toggle').isVisible()).resolves.toBe(false);
  await expect(page.locator('#voice-mic').isVisible()).resolves.toBe(false);
  expect(errors).toEqual([]);
  await context.close();
});
