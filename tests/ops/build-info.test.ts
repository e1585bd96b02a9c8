import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitAtBuild, readBuildInfo, writeBuildInfo } from '../../src/ops/build-info';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'neckbot-build-info-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('build info', () => {
  const pkg = join(__dirname, '..', '..', 'package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };

  it('reads the commit the build recorded, the version from package.json', () => {
    const file = join(dir, 'recorded.json');
    writeBuildInfo('0123abc', file);
    expect(readBuildInfo({}, file)).toEqual({ version, commit: '0123abc' });
  });

  it('prefers GIT_COMMIT, then BUILD_COMMIT, over the recorded commit', () => {
    const file = join(dir, 'recorded.json');
    writeBuildInfo('0123abc', file);
    expect(readBuildInfo({ GIT_COMMIT: 'aaa111', BUILD_COMMIT: 'bbb222' }, file).commit).toBe(
      'aaa111',
    );
    expect(readBuildInfo({ BUILD_COMMIT: 'bbb222' }, file).commit).toBe('bbb222');
  });

  it('says "unknown" without a file, and for a value that is no commit or tag', () => {
    expect(readBuildInfo({}, join(dir, 'missing.json')).commit).toBe('unknown');
    const file = join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify({ commit: 'x"} 1\nevil' }));
    expect(readBuildInfo({ GIT_COMMIT: ' ' }, file).commit).toBe('unknown');
    writeFileSync(file, 'not json');
    expect(readBuildInfo({}, file).commit).toBe('unknown');
  });

  it('records GIT_COMMIT or BUILD_COMMIT at build time when set', () => {
    expect(commitAtBuild({ GIT_COMMIT: ' 9f8e7d6 \n' })).toBe('9f8e7d6');
    expect(commitAtBuild({ BUILD_COMMIT: 'v1.2.3' })).toBe('v1.2.3');
  });
});
