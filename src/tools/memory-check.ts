import { performance } from 'node:perf_hooks';
import { createPipeline } from '../app';
import { DEFAULT_PATHS } from '../content/load';
import { textTurn } from '../core/turn';
import { conversationService, DEFAULT_STATE_SETTINGS } from '../state/defaults';
import { MemoryStore } from '../state/memory-store';

/**
 * `node --expose-gc dist/tools/memory-check.js`: runs MEMORY_CONVERSATIONS (default 100,000)
 * distinct conversations, each starting a routine and moving on a step (both turns write state),
 * through the embedded memory store at its default bound, then collects garbage and prints one JSON
 * line: conversations, store size, RSS and heap used (MiB), and the peak RSS seen during the run.
 * It runs in a process of its own so that nothing else (a test runner) weighs on the RSS.
 */
const CONVERSATIONS = Number(process.env.MEMORY_CONVERSATIONS ?? 100_000);
/** Conversations in flight at once, as concurrent users would be. */
const CONCURRENCY = 50;
const STARTS = [
  'start neck stretches',
  'walk me through kneading',
  'start the massage ball routine',
  'let us do scalp massage',
  'start circular friction',
  'start trigger point release',
];
const MIB = 1024 * 1024;

export interface MemoryReport {
  conversations: number;
  storeSize: number;
  maxEntries: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  peakRssMb: number;
  /** "next" replies that were not step 2 of the routine just started (state lost or mixed up). */
  wrongReplies: number;
  gcExposed: boolean;
  seconds: number;
}

async function main(): Promise<void> {
  const started = performance.now();
  const settings = DEFAULT_STATE_SETTINGS;
  const pipeline = createPipeline(DEFAULT_PATHS, { savedRoutineTtlMs: settings.savedRoutineTtlMs });
  const store = new MemoryStore({ maxEntries: settings.maxEntries });
  const service = conversationService(pipeline, store, settings);

  let next = 0;
  let done = 0;
  let wrong = 0;
  let peakRss = process.memoryUsage.rss();
  const worker = async () => {
    for (let i = next++; i < CONVERSATIONS; i = next++) {
      const ids = { channel: 'webchat', conversationId: `mem-c${i}`, userId: `mem-u${i}` };
      await service.handle(textTurn(STARTS[i % STARTS.length] ?? 'start neck stretches', ids));
      const reply = await service.handle(textTurn('next', ids));
      if (reply.routine?.step !== 2) wrong++;
      if (++done % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = process.memoryUsage();
  const report: MemoryReport = {
    conversations: done,
    storeSize: store.size,
    maxEntries: settings.maxEntries,
    rssMb: round(usage.rss / MIB),
    heapUsedMb: round(usage.heapUsed / MIB),
    heapTotalMb: round(usage.heapTotal / MIB),
    peakRssMb: round(Math.max(peakRss, usage.rss) / MIB),
    wrongReplies: wrong,
    gcExposed: gc !== undefined,
    seconds: round((performance.now() - started) / 1000),
  };
  console.log(JSON.stringify(report));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
