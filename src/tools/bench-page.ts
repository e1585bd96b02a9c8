import { readConfig } from '../config';
import { silentLogger } from '../logger';
import { startServer } from '../server';
import { launchChromium } from './chromium';
import { describePageWeight, measurePageWeight } from './page-weight';

/**
 * `npm run bench:page`: the bytes the web chat page transfers in headless Chromium, on a first
 * visit and on a reload (CHROMIUM_PATH, else /usr/bin/chromium). Targets: first load ≤ 1.2 MB,
 * reload ≤ 50 KB (tests/channels/webchat/page-weight.test.ts keeps them).
 */
async function main(): Promise<void> {
  const server = await startServer(readConfig({ PORT: '0' }), silentLogger);
  const browser = await launchChromium();
  try {
    const weight = await measurePageWeight(browser, `http://127.0.0.1:${server.port}`);
    console.log(describePageWeight(weight));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
