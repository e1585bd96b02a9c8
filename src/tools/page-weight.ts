import type { Browser, Page } from 'playwright-core';

/**
 * What the web chat page costs a visitor, measured in Chromium from the DevTools network log: the
 * bytes each response took on the wire (`Network.loadingFinished` encodedDataLength: headers and
 * the body as sent, compressed or not), first on an empty cache, then on a reload. A load is over
 * when the coach's first message is on screen and nothing has been in flight for 500 ms.
 */

export interface Transfer {
  url: string;
  status: number;
  /** Bytes on the wire (0 when the browser's cache answered without asking). */
  bytes: number;
  fromCache: boolean;
}

export interface LoadWeight {
  bytes: number;
  transfers: Transfer[];
}

export interface PageWeight {
  firstLoad: LoadWeight;
  reload: LoadWeight;
}

const FIRST_ACTIVITY = '.webchat__basic-transcript__activity';
const QUIET_MS = 500;
const LOAD_TIMEOUT_MS = 30_000;

/** Records the page's HTTP traffic until `load` has finished. */
async function recordLoad(page: Page, load: () => Promise<unknown>): Promise<LoadWeight> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Transfer>();
  const cached = new Set<string>();
  /** The status as it came over the wire: a revalidated response shows as its cached 200. */
  const wireStatus = new Map<string, number>();
  const transfers: Transfer[] = [];
  const pending = new Set<string>();
  let lastEvent = Date.now();
  const settle = (id: string) => {
    pending.delete(id);
    lastEvent = Date.now();
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    pending.add(e.requestId);
    lastEvent = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => settle(e.requestId));
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceivedExtraInfo', (e) => wireStatus.set(e.requestId, e.statusCode));
  cdp.on('Network.responseReceived', (e) => {
    if (!/^https?:/.test(e.response.url)) return;
    seen.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      bytes: 0,
      fromCache: Boolean(e.response.fromDiskCache),
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    settle(e.requestId);
    const transfer = seen.get(e.requestId);
    if (!transfer) return;
    transfer.fromCache ||= cached.has(e.requestId);
    transfer.status = wireStatus.get(e.requestId) ?? transfer.status;
    transfer.bytes = transfer.fromCache ? 0 : e.encodedDataLength;
    transfers.push(transfer);
  });
  await load();
  await page.locator(FIRST_ACTIVITY).first().waitFor();
  // Quiet: nothing in flight for QUIET_MS (Playwright's 'networkidle' proved flaky on a busy machine).
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  while (pending.size > 0 || Date.now() - lastEvent < QUIET_MS) {
    if (Date.now() > deadline)
      throw new Error(`the page was still loading after ${LOAD_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await cdp.detach();
  return { bytes: transfers.reduce((sum, t) => sum + t.bytes, 0), transfers };
}

/** The page at `origin` in a fresh browser profile: loaded once, then reloaded. */
export async function measurePageWeight(browser: Browser, origin: string): Promise<PageWeight> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const firstLoad = await recordLoad(page, () => page.goto(`${origin}/`));
    const reload = await recordLoad(page, () => page.reload());
    return { firstLoad, reload };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A few lines for people: each load's total and what it was made of. */
export function describePageWeight({ firstLoad, reload }: PageWeight): string {
  const lines: string[] = [];
  for (const [label, load] of [
    ['first load', firstLoad],
    ['reload', reload],
  ] as const) {
    lines.push(`${label}: ${kb(load.bytes)} transferred in ${load.transfers.length} responses`);
    for (const t of load.transfers) {
      const path = new URL(t.url).pathname;
      lines.push(
        `  ${String(t.status).padEnd(4)}${kb(t.bytes).padStart(10)}  ${path}${t.fromCache ? ' (cache)' : ''}`,
      );
    }
  }
  return lines.join('\n');
}
