import { metricValue, runLoad, scrapeMetrics, type LoadResult } from './bench-load';
import { spawnServer, type ServerChild } from './server-process';

/**
 * A soak at a steady, moderate rate: one `node dist/server.js` child (embedded memory store) gets
 * web chat turns of ever-new conversations while its RSS (`process_resident_memory_bytes` from
 * /metrics) is sampled. After a warm-up, RSS must not keep growing. tests/ops/soak.test.ts runs it;
 * `node dist/tools/soak.js` runs it by hand (SOAK_SECONDS, SOAK_RATE).
 */

const MIB = 1024 * 1024;

export interface SoakOptions {
  seconds: number;
  /** Requests per second over all connections. */
  rate: number;
  connections: number;
  sampleEverySeconds: number;
  /** The first part of the run, ignored by the growth checks (heap sizing, JIT, store filling). */
  warmupFraction: number;
  turnsPerConversation: number;
  /**
   * The memory store's bound (STATE_MAX_ENTRIES). At a moderate rate the default 50,000 would take
   * many minutes to fill, and a store still filling is growth by design: the soak uses a bound the
   * run fills within the first half of its warm-up, so what follows is the steady state (evictions
   * as fast as new conversations arrive).
   */
  maxEntries: number;
  /** Node options for the server child (SOAK_NODE_ARGS, space-separated), e.g. heap limits. */
  nodeArgs: string[];
  onSample?: (sample: Sample) => void;
}

export interface Sample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
}

/** State entries a conversation writes: its own record and its user's (saved routine position). */
const ENTRIES_PER_CONVERSATION = 2;

/**
 * A capped old space, and the young generation Node 20 had: Node 22+ sizes it from the machine's
 * memory (up to 3 x 64 MB semi-spaces on a large host), which costs about 60 MB of RSS for the same
 * live heap. A chat turn allocates little, so the smaller young generation costs nothing we measure.
 */
export const DEFAULT_SOAK_NODE_ARGS = '--max-old-space-size=128 --max-semi-space-size=16';

export function soakOptions(env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const seconds = Number(env.SOAK_SECONDS ?? 120);
  const rate = Number(env.SOAK_RATE ?? 300);
  const warmupFraction = 0.3;
  const turnsPerConversation = 4;
  const entriesPerSecond = (rate / turnsPerConversation) * ENTRIES_PER_CONVERSATION;
  const fillBy = (seconds * warmupFraction) / 2;
  const maxEntries = Number(
    env.SOAK_MAX_ENTRIES ?? Math.min(50_000, Math.max(100, Math.floor(entriesPerSecond * fillBy))),
  );
  return {
    seconds,
    rate,
    connections: 10,
    // Every second: the live-heap check needs the sample right after each full collection (with
    // Node's default sizing they come every 15-25 s; the capped heap below makes them rare and keeps
    // RSS flat, so the RSS checks decide). SOAK_SAMPLE_SECONDS to change.
    sampleEverySeconds: Number(env.SOAK_SAMPLE_SECONDS ?? 1),
    warmupFraction,
    turnsPerConversation,
    maxEntries,
    // A capped old generation, as a container deployment would set: without it V8 sometimes lets
    // the heap grow to several times the live data before a full collection (seen: RSS 258 MiB on
    // a flat server), which reads as growth. With it RSS stays flat (159-162 MiB) and a 1 KiB per
    // request leak still shows as 17 MiB/min (SOAK_NODE_ARGS='' for Node's default sizing).
    nodeArgs: (env.SOAK_NODE_ARGS ?? DEFAULT_SOAK_NODE_ARGS).split(' ').filter(Boolean),
  };
}

/**
 * What counts as steady growth, in MiB ("MB"). A leak of 1 KiB per request at 300 req/s retains
 * 1 KiB x 300 x 60 = 17.6 MiB per minute.
 *
 * RSS alone cannot resolve that in two minutes: with Node's default heap sizing, web chat turns
 * leave enough short-lived garbage that V8 lets the heap grow to about four times the live data
 * before a full collection, so RSS saws between ~205 and ~310 MiB every 15-25 s on a process that
 * does not grow at all (a 6-minute soak, sliced into every 84 s window the 120 s run measures: RSS
 * slopes from -44 to +40 MiB/min, last-third vs middle-third medians from -22 % to +18 %). So:
 *
 * - Live heap: each full collection shows up as a drop of heap used by `GC_DROP_MB` or more between
 *   two samples; the sample after it is the live heap plus floating garbage and at most one sampling
 *   interval of new allocation. The least-squares slope of those floors after the warm-up must stay
 *   under 8 MiB/min, under half the leak above. Measured on this machine (120 s runs): a flat
 *   server gave -3.7, -0.8, 1.0, 1.6 and 4.8 MiB/min; the same server with an injected 1 KiB per
 *   request leak (a preload retaining an array per request) gave 9.9, 15.7, 19.6, 20.4 and
 *   25.7 MiB/min. Floors jitter by about +-7 MiB, so a two-minute soak separates the two by a margin,
 *   not by a mile: a leak well under 1 KiB per request needs a longer soak.
 * - RSS: growth is a least-squares slope of at least 40 MiB/min together with a last third whose
 *   median is more than 10 % above the middle third's: no 84 s window of the flat 6-minute run did
 *   both, while 3 of the 5 leaking runs did (130, 82 and 46 MiB/min; +22.5, +10.6 and +15.3 %: V8
 *   sizes the heap after the growing live data, so RSS can grow several times faster than the
 *   leak). A leak outside the JS heap smaller than that needs a longer soak, or a server with a
 *   capped heap (SOAK_NODE_ARGS=--max-old-space-size=128 keeps RSS within a few MiB).
 * - RSS stays under 250 MiB throughout (the budget of the 100,000-conversation memory check).
 */
export const LIMITS = {
  heapFloorMbPerMin: 8,
  rssSlopeMbPerMin: 40,
  rssLastOverMiddle: 0.1,
  rssMb: 250,
  /**
   * With too few full collections to fit the live heap, the old generation hardly grew and RSS has
   * no large sawtooth, so RSS itself is held to a tighter line: a 1 KiB-per-request leak at
   * 300 req/s adds 17.6 MiB/min of live data, and RSS follows at least that fast.
   */
  quietRssSlopeMbPerMin: 15,
  quietRssLastOverMiddle: 0.02,
};
/** A drop of heap used this large between two samples is a full (mark-compact) collection. */
const GC_DROP_MB = 30;

export interface Analysis {
  /** The samples after the warm-up. */
  measured: Sample[];
  /** Heap used just after each full collection (after the warm-up). */
  floors: Sample[];
  /** Slope of the floors (MiB/min); undefined with fewer than 3 floors over 30 s. */
  heapFloorMbPerMin: number | undefined;
  rssSlopeMbPerMin: number;
  middleMedianMb: number;
  lastMedianMb: number;
  /** (last-third median / middle-third median) - 1 of RSS. */
  lastOverMiddle: number;
  maxRssMb: number;
}

export function analyse(samples: readonly Sample[], warmupFraction: number): Analysis {
  const end = samples.length > 0 ? Math.max(...samples.map((s) => s.t)) : 0;
  const measured = samples.filter((s) => s.t >= end * warmupFraction);
  const third = Math.max(1, Math.floor(measured.length / 3));
  const middle = measured.slice(third, measured.length - third);
  const last = measured.slice(measured.length - third);
  const middleMedianMb = median((middle.length ? middle : measured).map((s) => s.rssMb));
  const lastMedianMb = median(last.map((s) => s.rssMb));
  const floors = measured.filter((s, i) => {
    const before = measured[i - 1];
    return before !== undefined && before.heapUsedMb - s.heapUsedMb >= GC_DROP_MB;
  });
  const span = floors.length ? (floors[floors.length - 1]?.t ?? 0) - (floors[0]?.t ?? 0) : 0;
  return {
    measured,
    floors,
    heapFloorMbPerMin:
      floors.length >= 3 && span >= 30 ? slope(floors, (s) => s.heapUsedMb) * 60 : undefined,
    rssSlopeMbPerMin: slope(measured, (s) => s.rssMb) * 60,
    middleMedianMb,
    lastMedianMb,
    lastOverMiddle: middleMedianMb > 0 ? lastMedianMb / middleMedianMb - 1 : 0,
    maxRssMb: Math.max(0, ...samples.map((s) => s.rssMb)),
  };
}

/** Steady growth found after the warm-up (the RSS budget, `LIMITS.rssMb`, is checked apart). */
export function verdict(a: Analysis): string[] {
  const problems: string[] = [];
  if (a.heapFloorMbPerMin === undefined) {
    if (
      a.rssSlopeMbPerMin >= LIMITS.quietRssSlopeMbPerMin &&
      a.lastOverMiddle > LIMITS.quietRssLastOverMiddle
    ) {
      problems.push(
        `only ${a.floors.length} full collections after the warm-up, and RSS grows ` +
          `${a.rssSlopeMbPerMin.toFixed(1)} MB/min, its last-third median ` +
          `${(a.lastOverMiddle * 100).toFixed(1)}% above the middle third's (limits ` +
          `${LIMITS.quietRssSlopeMbPerMin} MB/min and ${LIMITS.quietRssLastOverMiddle * 100}%)`,
      );
    }
  } else if (a.heapFloorMbPerMin >= LIMITS.heapFloorMbPerMin) {
    problems.push(
      `live heap (heap used after full collections) grows ${a.heapFloorMbPerMin.toFixed(1)} MB/min ` +
        `(limit ${LIMITS.heapFloorMbPerMin})`,
    );
  }
  if (
    a.rssSlopeMbPerMin >= LIMITS.rssSlopeMbPerMin &&
    a.lastOverMiddle > LIMITS.rssLastOverMiddle
  ) {
    problems.push(
      `RSS grows ${a.rssSlopeMbPerMin.toFixed(1)} MB/min and its last-third median ` +
        `${a.lastMedianMb.toFixed(1)} MB is ${(a.lastOverMiddle * 100).toFixed(1)}% above the middle ` +
        `third's ${a.middleMedianMb.toFixed(1)} MB (limits ${LIMITS.rssSlopeMbPerMin} MB/min and ` +
        `${LIMITS.rssLastOverMiddle * 100}%)`,
    );
  }
  return problems;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Least-squares slope of `value` (MiB) against time (s). */
function slope(samples: readonly Sample[], value: (s: Sample) => number): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanT = samples.reduce((sum, x) => sum + x.t, 0) / n;
  const meanV = samples.reduce((sum, x) => sum + value(x), 0) / n;
  let num = 0;
  let den = 0;
  for (const x of samples) {
    num += (x.t - meanT) * (value(x) - meanV);
    den += (x.t - meanT) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export interface SoakResult {
  options: SoakOptions;
  samples: Sample[];
  load: LoadResult;
  analysis: Analysis;
  /** Log lines at warn or above from the server during the run. */
  serverProblems: string[];
}

async function sample(server: ServerChild, t: number): Promise<Sample> {
  const text = await scrapeMetrics(server.url);
  const mb = (name: string) => Math.round((metricValue(text, name) / MIB) * 10) / 10;
  return {
    t,
    rssMb: mb('process_resident_memory_bytes'),
    heapUsedMb: mb('nodejs_heap_size_used_bytes'),
    heapTotalMb: mb('nodejs_heap_size_total_bytes'),
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const server = await spawnServer(
    'soak',
    { STATE_MAX_ENTRIES: String(options.maxEntries) },
    options.nodeArgs,
  );
  const samples: Sample[] = [];
  const sampling: Array<Promise<void>> = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const started = Date.now();
    const take = () => {
      const t = Math.round((Date.now() - started) / 100) / 10;
      if (t > options.seconds) return;
      sampling.push(
        sample(server, t).then((s) => {
          samples.push(s);
          options.onSample?.(s);
        }),
      );
    };
    take();
    timer = setInterval(take, options.sampleEverySeconds * 1000);
    const load = await runLoad('soak', server.url, {
      connections: options.connections,
      seconds: options.seconds,
      overallRate: options.rate,
      workload: {
        prefix: `soak-${started.toString(36)}`,
        channels: ['webchat'],
        turnsPerConversation: options.turnsPerConversation,
      },
    });
    clearInterval(timer);
    await Promise.all(sampling);
    samples.sort((x, y) => x.t - y.t);
    return {
      options,
      samples,
      load,
      analysis: analyse(samples, options.warmupFraction),
      serverProblems: server.problems(),
    };
  } finally {
    clearInterval(timer);
    await server.stop();
  }
}

export function describeSoak(result: SoakResult): string {
  const { options: o, load, analysis: a } = result;
  const warmupEnds = Math.max(...result.samples.map((s) => s.t)) * o.warmupFraction;
  const rssLimits =
    a.heapFloorMbPerMin === undefined
      ? { slope: LIMITS.quietRssSlopeMbPerMin, over: LIMITS.quietRssLastOverMiddle }
      : { slope: LIMITS.rssSlopeMbPerMin, over: LIMITS.rssLastOverMiddle };
  const lines = [
    `soak: ${o.seconds} s at ${o.rate} req/s (${o.connections} connections), web chat, ` +
      `${o.turnsPerConversation} turns per conversation, memory store bound ${o.maxEntries}` +
      (o.nodeArgs.length ? `, server node ${o.nodeArgs.join(' ')}` : ''),
    `requests ${load.requests} (${load.rps.toFixed(0)} req/s), conversations ${load.checks.conversations}, ` +
      `p50 ${load.p50} ms, p99 ${load.p99} ms, errors ${load.errors}, non-2xx ${load.non2xx}, ` +
      `5xx ${load.status5xx}, wrong replies ${load.checks.wrong}`,
    '    t s   RSS MB  heap used  heap total',
    ...result.samples.map((s) => {
      const cells = [s.t.toFixed(1).padStart(7), s.rssMb.toFixed(1).padStart(8)];
      cells.push(s.heapUsedMb.toFixed(1).padStart(10), s.heapTotalMb.toFixed(1).padStart(11));
      if (s.t < warmupEnds) cells.push(' (warm-up)');
      if (a.floors.includes(s)) cells.push(' <- after a full GC');
      return cells.join(' ');
    }),
    `after the warm-up: live heap (heap used after ${a.floors.length} full collections, ` +
      `${a.floors.map((f) => f.heapUsedMb.toFixed(0)).join(', ')} MB) ` +
      `${a.heapFloorMbPerMin === undefined ? 'too few points to fit' : `${a.heapFloorMbPerMin.toFixed(2)} MB/min`} ` +
      `(limit ${LIMITS.heapFloorMbPerMin}); RSS slope ${a.rssSlopeMbPerMin.toFixed(2)} MB/min, ` +
      `middle-third median ${a.middleMedianMb.toFixed(1)} MB, last-third median ${a.lastMedianMb.toFixed(1)} MB ` +
      `(${(a.lastOverMiddle * 100).toFixed(1)}%; growth if >= ${rssLimits.slope} MB/min and ` +
      `> ${rssLimits.over * 100}%), max RSS ${a.maxRssMb.toFixed(1)} MB (limit ${LIMITS.rssMb})`,
  ];
  return lines.join('\n');
}

if (require.main === module) {
  runSoak({
    ...soakOptions(),
  }).then(
    (result) => {
      console.log(describeSoak(result));
      const problems = [
        ...verdict(result.analysis),
        ...(result.analysis.maxRssMb >= LIMITS.rssMb
          ? [`RSS reached ${result.analysis.maxRssMb.toFixed(1)} MB (budget ${LIMITS.rssMb})`]
          : []),
        ...(result.load.errors + result.load.non2xx + result.load.checks.wrong > 0
          ? ['errors, non-2xx or wrong replies']
          : []),
      ];
      for (const p of problems) console.log(`FAIL: ${p}`);
      if (problems.length === 0) console.log('OK: no steady memory growth, RSS within budget');
      process.exitCode = problems.length ? 1 : 0;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
