import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The jest projects of jest.config.js: `integration` and `quality` list their paths, `unit` is
 * every other test. This keeps the lists honest: a listed path that no longer exists (a moved
 * file would silently fall into `unit`), a path in two lists, or a unit test that starts a
 * server, spawns a process, needs dist/ or Redis or Chromium.
 */

interface Project {
  displayName: string;
  testMatch: string[];
}

const ROOT = join(__dirname, '..');
const config = jest.requireActual<{ projects: Project[] }>('../jest.config.js');

function project(name: string): Project {
  const found = config.projects.find((p) => p.displayName === name);
  if (!found) throw new Error(`no jest project named ${name}`);
  return found;
}

/** tests/-relative paths of a listing project; directories end in '/'. */
function listed(name: string): string[] {
  return project(name).testMatch.map((glob) =>
    glob.replace('<rootDir>/tests/', '').replace(/\*\*\/\*\.test\.ts$/, ''),
  );
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return testFiles(path);
    return entry.endsWith('.test.ts') ? [relative(join(ROOT, 'tests'), path)] : [];
  });
}

const covers = (paths: string[], file: string) =>
  paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));

const integration = listed('integration');
const quality = listed('quality');
const all = testFiles(join(ROOT, 'tests'));
const unit = all.filter((f) => !covers(integration, f) && !covers(quality, f));

/** What only an integration test may do. */
const OUT_OF_PROCESS =
  /\b(startServer|spawnServer|spawnSync|spawn|execFile|fork|startRedis|useRedis|startDynalite|launchChromium|pageInChromium|runAbuse|runFuzz)\(|['"]dist['"]|\.listen\(/;

describe('jest projects', () => {
  it('are unit, integration and quality', () => {
    expect(config.projects.map((p) => p.displayName)).toEqual(['unit', 'integration', 'quality']);
  });

  it.each([...integration, ...quality])('lists %s, which exists', (path) => {
    expect(existsSync(join(ROOT, 'tests', path))).toBe(true);
  });

  it('list no path twice and no path in both integration and quality', () => {
    const paths = [...integration, ...quality];
    expect(new Set(paths).size).toBe(paths.length);
    expect(all.filter((f) => covers(integration, f) && covers(quality, f))).toEqual([]);
  });

  it('leave most tests in unit, and this one among them', () => {
    expect(unit).toContain('jest-projects.test.ts');
    expect(unit.length).toBeGreaterThan(all.length / 2);
  });

  // (this file is left out: it spells out what it looks for)
  it.each(unit.filter((f) => f !== 'jest-projects.test.ts'))(
    'unit test %s runs in-process only',
    (file) => {
      expect(readFileSync(join(ROOT, 'tests', file), 'utf8')).not.toMatch(OUT_OF_PROCESS);
    },
  );

  it('the check itself notices a server, a spawned process and dist/', () => {
    expect('await startServer(config, { logger })').toMatch(OUT_OF_PROCESS);
    expect('spawnSync(process.execPath, [cli])').toMatch(OUT_OF_PROCESS);
    expect("join(__dirname, '..', 'dist', 'cli.js')").toMatch(OUT_OF_PROCESS);
    expect('dynamo = await startDynalite();').toMatch(OUT_OF_PROCESS);
    expect("it('stays bounded with 100,000 distinct keys')").not.toMatch(OUT_OF_PROCESS);
  });
});
