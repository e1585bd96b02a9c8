import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MemoryReport } from '../../src/tools/memory-check';

const driver = join(__dirname, '..', '..', 'dist', 'tools', 'memory-check.js');
const RSS_LIMIT_MB = 250;

describe('memory: 100,000 conversations through the embedded store', () => {
  it(`keep the store at its bound and the process RSS under ${RSS_LIMIT_MB} MB`, () => {
    if (!existsSync(driver)) throw new Error(`${driver} is missing: run \`npm run build\` first`);
    // A process of its own, so the test runner's heap does not count.
    // As the server runs (npm start, the Dockerfile): the young generation of Node 20, which Node
    // 22+ would otherwise size from this machine's memory (see DEFAULT_SOAK_NODE_ARGS).
    const out = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=16', driver], {
      encoding: 'utf8',
      timeout: 150_000,
      env: { ...process.env, MEMORY_CONVERSATIONS: '100000' },
    });
    if (out.status !== 0) {
      throw new Error(`memory-check exited with ${out.status ?? out.signal}:\n${out.stderr}`);
    }
    const report = JSON.parse(out.stdout.trim().split('\n').pop() ?? '') as MemoryReport;
    console.log(`memory check: ${JSON.stringify(report)}`);
    expect(report.gcExposed).toBe(true);
    expect(report.conversations).toBe(100_000);
    expect(report.wrongReplies).toBe(0);
    expect(report.storeSize).toBeLessThanOrEqual(report.maxEntries);
    expect(report.maxEntries).toBe(50_000);
    expect(report.rssMb).toBeLessThan(RSS_LIMIT_MB);
    expect(report.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
  }, 180_000);
});
