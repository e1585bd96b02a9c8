import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import AdmZip from 'adm-zip';
import { readNluArtifact } from '../content/nlu-artifact';
import { DEFAULT_PATHS, PROJECT_ROOT } from '../content/paths';

/**
 * `npm run package:lambda` (after the build): writes build/neck-massage-coach-lambda.zip for AWS
 * Lambda, laid out as the checkout is, so the handler is `dist/lambda.handler`: the compiled code
 * (not dist/tools), the NLU artifact (dist/nlu-model.bin), content/ and intents/ (read at start
 * and fingerprinted with the artifact), package.json and the production dependencies only, taken
 * from node_modules as package-lock.json lists them (no devDependencies, no network).
 */

export const LAMBDA_ZIP = join(PROJECT_ROOT, 'build', 'neck-massage-coach-lambda.zip');
export const LAMBDA_HANDLER = 'dist/lambda.handler';
/** Lambda's limits for a zip uploaded directly, and for the unpacked function. */
export const MAX_ZIP_BYTES = 50 * 1024 * 1024;
export const MAX_UNPACKED_BYTES = 250 * 1024 * 1024;

/** Not shipped from code and dependencies: type declarations, source maps, docs. */
const LEFT_OUT = /(\.d\.ts|\.d\.mts|\.d\.cts|\.map|\.md|\.markdown)$/i;
/** content/ and intents/ go whole: the NLU artifact's fingerprint covers every file in them. */
const WHOLE = () => false;

/** Production dependencies only the HTTP server uses: the Lambda never loads them. */
export const SERVER_ONLY_DEPENDENCIES = ['botbuilder', 'restify', 'prom-client'];

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * node_modules/… folders of the production dependencies the Lambda needs (all but the server-only
 * ones, and everything they depend on), resolved in package-lock.json as Node resolves them.
 */
export function productionPackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const packages = lock.packages;
  const rootDeps = Object.keys(packages['']?.dependencies ?? {}).filter(
    (name) => !SERVER_ONLY_DEPENDENCIES.includes(name),
  );
  const found = new Set<string>();
  const visit = (from: string, name: string) => {
    // The nearest node_modules/<name> from `from` upwards, as require() looks.
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const path = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      const info = packages[path];
      if (info && !info.dev) {
        if (found.has(path)) return;
        found.add(path);
        const deps = { ...info.dependencies, ...info.optionalDependencies };
        for (const dep of Object.keys(deps)) visit(path, dep);
        return;
      }
      if (dir === '') return;
    }
  };
  for (const name of rootDeps) visit('', name);
  return [...found].filter((path) => existsSync(join(root, path))).sort();
}

function filesUnder(
  dir: string,
  skip: (path: string) => boolean = (path) => LEFT_OUT.test(path),
): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (skip(full)) continue;
    // A nested node_modules holds packages of its own, listed (or not) in the lock file.
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...filesUnder(full, skip));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Every file of the package, as paths from `root`. */
export function lambdaFiles(root: string = PROJECT_ROOT): string[] {
  const tools = join(root, 'dist', 'tools');
  const missing = ['dist/lambda.js', 'dist/nlu-model.bin'].filter(
    (f) => !existsSync(join(root, f)),
  );
  if (missing.length > 0) {
    throw new Error(`run \`npm run build\` first: missing ${missing.join(', ')}`);
  }
  const files = [
    join(root, 'package.json'),
    ...filesUnder(join(root, 'dist'), (path) => path === tools || LEFT_OUT.test(path)),
    ...filesUnder(join(root, 'content'), WHOLE),
    ...filesUnder(join(root, 'intents'), WHOLE),
    ...productionPackages(root).flatMap((pkg) => filesUnder(join(root, pkg))),
  ];
  return files.map((file) => relative(root, file).split(sep).join('/'));
}

export interface LambdaPackage {
  file: string;
  files: number;
  zipBytes: number;
  unpackedBytes: number;
}

export function buildLambdaPackage(root: string = PROJECT_ROOT, out: string = LAMBDA_ZIP) {
  const zip = new AdmZip();
  let unpackedBytes = 0;
  const files = lambdaFiles(root);
  for (const path of files) {
    const full = join(root, path);
    unpackedBytes += statSync(full).size;
    zip.addLocalFile(full, dirname(path) === '.' ? '' : dirname(path));
  }
  const bytes = zip.toBuffer();
  if (bytes.length > MAX_ZIP_BYTES || unpackedBytes > MAX_UNPACKED_BYTES) {
    throw new Error(
      `the Lambda package is over Lambda's limits (${mib(bytes.length)} zipped, ${mib(unpackedBytes)} unpacked)`,
    );
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return { file: out, files: files.length, zipBytes: bytes.length, unpackedBytes };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function main(): void {
  try {
    // A stale artifact would make every cold start train the matcher (or, required, fail). Checked
    // here, in the compiled code the artifact's fingerprint is of (not under ts-jest).
    readNluArtifact(DEFAULT_PATHS, undefined, { required: true });
    const built = buildLambdaPackage();
    console.log(
      `Wrote ${relative(process.cwd(), built.file)}: ${mib(built.zipBytes)} zipped, ` +
        `${mib(built.unpackedBytes)} unpacked, ${built.files} files; handler ${LAMBDA_HANDLER}`,
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
