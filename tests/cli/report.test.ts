import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_TOPIC, type Report } from '../../src/ops/report';
import { FIXTURE } from '../helpers/report-log';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (args: string[], input = '') =>
  spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });

describe('neckbot report (built CLI)', () => {
  let dir: string;
  let logfile: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'neckbot-report-'));
    logfile = join(dir, 'server.log');
    writeFileSync(logfile, `${FIXTURE.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the text report', () => {
    const out = run(['report', logfile]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Neckbot curator report\n/);
    expect(out.stdout).toContain('Turns:          15\n');
    expect(out.stdout).toContain(
      'Fallback topics (4 distinct, over 5 fallback turns)\n  2  gun massage\n',
    );
    expect(out.stdout).not.toContain('numbness');
  });

  it('prints the Report as JSON with --json, rankings cut by --top', () => {
    const out = run(['report', logfile, '--json', '--top', '2']);
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout) as Report;
    expect(report.turns).toBe(15);
    expect(report.skipped.total).toBe(6);
    expect(report.fallbackTopics.topics).toEqual({
      distinct: 4,
      entries: [
        { key: 'gun massage', count: 2 },
        { key: NO_TOPIC, count: 1 },
      ],
    });
  });

  it('exits 2 with usage when the log file is missing', () => {
    const out = run(['report']);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^neckbot report: give one log file/);
    expect(out.stderr).toContain('neckbot report <logfile>');
  });

  it('exits 2 with one clear line when the file cannot be read', () => {
    const missing = join(dir, 'nope.log');
    const out = run(['report', missing]);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe(
      `neckbot report: cannot read ${missing}: no such file or directory (ENOENT)\n`,
    );
    const directory = run(['report', dir]);
    expect(directory.status).toBe(2);
    expect(directory.stderr).toMatch(/^neckbot report: cannot read .*EISDIR\)\n$/);
  });

  it('exits 2 on a bad --top', () => {
    for (const args of [
      ['--top', '0'],
      ['--top', 'many'],
      ['--top=-3'],
      ['--top', '-3'],
      ['--top'],
    ]) {
      const out = run(['report', logfile, ...args]);
      expect(out.status).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/^neckbot report: .*--top/);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
