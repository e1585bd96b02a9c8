import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../content/paths';

/** What `neckbot_build_info` says: the package version and the commit it was built from. */
export interface BuildInfo {
  version: string;
  commit: string;
}

/** Written by `npm run build` (src/tools/write-build-info.ts), read at start. */
export const BUILD_INFO_FILE = join(PROJECT_ROOT, 'dist', 'build-info.json');

const UNKNOWN = 'unknown';

/** A label value we accept from the environment or a file: a commit hash or a short tag. */
function labelValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return /^[\w.+-]{1,64}$/.test(trimmed) ? trimmed : undefined;
}

function commitFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return labelValue(env.GIT_COMMIT) ?? labelValue(env.BUILD_COMMIT);
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as unknown;
    return labelValue((pkg as { version?: unknown }).version) ?? UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

/**
 * At start: the commit from GIT_COMMIT or BUILD_COMMIT (a container can say what it runs), else
 * the one the build recorded, else "unknown"; the version from package.json.
 */
export function readBuildInfo(
  env: NodeJS.ProcessEnv = process.env,
  file: string = BUILD_INFO_FILE,
): BuildInfo {
  let recorded: { commit?: unknown } = {};
  try {
    recorded = JSON.parse(readFileSync(file, 'utf8')) as typeof recorded;
  } catch {
    // Not built (tests from src/), or an image built without the file: the commit is unknown.
  }
  return {
    version: packageVersion(),
    commit: commitFromEnv(env) ?? labelValue(recorded.commit) ?? UNKNOWN,
  };
}

/** At build time: GIT_COMMIT or BUILD_COMMIT, else `git rev-parse HEAD`, else "unknown". */
export function commitAtBuild(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = commitFromEnv(env);
  if (fromEnv) return fromEnv;
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return labelValue(head) ?? UNKNOWN;
  } catch {
    // No git, or not a checkout (a source archive, a container build context without .git).
    return UNKNOWN;
  }
}

/** Records the commit in dist/ (the version stays in package.json, which ships beside it). */
export function writeBuildInfo(commit: string, file: string = BUILD_INFO_FILE): void {
  writeFileSync(file, `${JSON.stringify({ commit })}\n`);
}
