import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyse,
  describeSoak,
  LIMITS,
  runSoak,
  soakOptions,
  verdict,
  type Sample,
} from '../../src/tools/soak';

const serverJs = join(__dirname, '..', '..', 'dist', 'server.js');
const options = soakOptions(process.env);

/**
 * A synthetic run sampled every second, shaped like the real one: live heap `liveMb` (growing by
 * `leakMbPerMin`), garbage piling up at 12 MB/s until a full collection every 20 s, and RSS following
 * the heap (`rssGain` times the live growth: V8 sizes the heap after the live data).
 */
function run(leakMbPerMin: number, rssGain: number, liveMb = 60): Sample[] {
  const samples: Sample[] = [];
  for (let t = 0; t <= 120; t++) {
    const live = liveMb + (leakMbPerMin * t) / 60;
    const heapUsedMb = live + (t % 20) * 12;
    const rssMb = 150 + rssGain * (live - liveMb) + (t % 20) * 3;
    samples.push({ t, rssMb, heapUsedMb, heapTotalMb: heapUsedMb + 20 });
  }
  return samples;
}
const LEAK_MB_PER_MIN = (1024 * 300 * 60) / (1024 * 1024); // 1 KiB per request at 300 req/s

describe('soak analysis (the thresholds themselves)', () => {
  it('passes a flat process with a garbage-collector sawtooth', () => {
    const a = analyse(run(0, 1), 0.3);
    expect(a.floors.length).toBeGreaterThanOrEqual(3);
    expect(a.heapFloorMbPerMin).toBeCloseTo(0, 5);
    expect(verdict(a)).toEqual([]);
  });

  it('fails a leak of 1 KiB per request at 300 req/s in the live heap', () => {
    const a = analyse(run(LEAK_MB_PER_MIN, 1), 0.3);
    expect(a.heapFloorMbPerMin).toBeCloseTo(LEAK_MB_PER_MIN, 5);
    expect(verdict(a)).toEqual([expect.stringMatching(/^live heap .* grows 17\.6 MB\/min/)]);
  });

  it('fails RSS growing several times faster than the live heap, as V8 sizes it', () => {
    const a = analyse(run(LEAK_MB_PER_MIN, 8), 0.3);
    expect(verdict(a)).toEqual([
      expect.stringMatching(/^live heap/),
      expect.stringMatching(/^RSS grows/),
    ]);
    expect(a.maxRssMb).toBeGreaterThan(LIMITS.rssMb);
  });

  it('ignores the warm-up; without enough full collections, holds RSS to a tighter line', () => {
    const warm = run(0, 1).map((s) => (s.t < 36 ? { ...s, rssMb: s.rssMb - 80 } : s));
    expect(verdict(analyse(warm, 0.3))).toEqual([]);
    // No full collection at all: a flat process passes, RSS climbing with a leak does not.
    const quiet = (leak: number) =>
      run(0, 1).map((s) => ({ ...s, heapUsedMb: 60 + s.t / 10, rssMb: 160 + (leak * s.t) / 60 }));
    const flat = analyse(quiet(0), 0.3);
    expect(flat.heapFloorMbPerMin).toBeUndefined();
    expect(verdict(flat)).toEqual([]);
    expect(verdict(analyse(quiet(LEAK_MB_PER_MIN), 0.3))).toEqual([
      expect.stringMatching(/full collections after the warm-up, and RSS grows 17\.6 MB\/min/),
    ]);
  });
});

describe(`soak: ${options.seconds} s of web chat at ${options.rate} req/s on node dist/server.js`, () => {
  it(
    'shows no steady memory growth after the warm-up, no failed request, RSS under budget',
    async () => {
      if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`npm run build\``);
      const result = await runSoak(options);
      console.log(describeSoak(result));
      const { load, analysis } = result;
      expect(load.errors).toBe(0);
      expect(load.non2xx).toBe(0);
      expect(load.status5xx).toBe(0);
      expect(load.checks.wrong).toBe(0);
      // The rate held (a server that falls behind would also hide growth).
      expect(load.requests).toBeGreaterThan(options.rate * options.seconds * 0.9);
      // The run wrote more state than the store holds: it filled (within the warm-up) and evicted.
      expect(load.checks.conversations * 2).toBeGreaterThan(options.maxEntries);
      expect(verdict(analysis)).toEqual([]);
      // The budget holds at every sample, garbage-collector peaks included (the server runs with
      // the capped heap of DEFAULT_SOAK_NODE_ARGS unless SOAK_NODE_ARGS says otherwise).
      expect(analysis.maxRssMb).toBeLessThan(LIMITS.rssMb);
    },
    (options.seconds + 60) * 1000,
  );
});
