import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import {
  ENCODINGS,
  ENCODING_SUFFIX,
  WEB_DIR,
  WEB_FORMAT,
  WEB_MANIFEST,
  type BuiltFile,
  type Encoding,
  type WebManifest,
} from '../channels/webchat/web-manifest';
import { PROJECT_ROOT } from '../content/paths';

/**
 * `npm run build` (last step): the web chat page for production, in dist/web. Takes the page
 * (src/channels/webchat/public: index.html and whatever it links) and the Web Chat bundle out of
 * botframework-webchat (a devDependency, read only here), names every asset after its content
 * hash (`app.3f9c….js`), rewrites the page's references (`"/webchat/app.js"`) to those names,
 * pre-compresses each file with brotli and gzip, and writes dist/web/manifest.json last.
 *
 * A fingerprinted file already in dist/web is reused as it is, compressed copies included, so a
 * rebuild pays brotli's 20 s on the 3.9 MB bundle only when the bundle changed.
 */

const PAGE = 'index.html';
const BUNDLE = 'webchat.js';
const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'channels', 'webchat', 'public');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/** Already compressed: stored as they are. */
const COMPRESSED = new Set(['.png', '.woff2']);

/** A reference to an asset in the page or a style sheet: `"/webchat/app.js"`, `url(/webchat/x.svg)`. */
const REFERENCE = /(["'(])\/webchat\/([\w.-]+)(?=[?#"')])/g;

export interface WebBuildOptions {
  publicDir: string;
  /** botframework-webchat's dist/webchat.js. */
  bundle: string;
  outDir: string;
}

export interface WebBuildResult {
  manifest: WebManifest;
  /** Files written (not reused) this time. */
  written: string[];
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function compress(encoding: Encoding, body: Buffer): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: 9 });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

function typeOf(name: string): string {
  const type = TYPES[extname(name)];
  if (!type) throw new Error(`web build: no content type known for ${name}`);
  return type;
}

const hashOf = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 16);

/** `app.js` with hash `3f9c…` → `app.3f9c….js`. */
function fingerprinted(name: string, hash: string): string {
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

/** The page or a style sheet with each `/webchat/<name>` replaced by its fingerprinted name. */
function rewrite(from: string, text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(REFERENCE, (_match, open: string, name: string) => {
    const file = names.get(name);
    if (!file) throw new Error(`web build: ${from} refers to /webchat/${name}, which is not built`);
    return `${open}/webchat/${file}`;
  });
}

/** Written under a temporary name first, so an interrupted build never leaves a file to reuse. */
function writeAtomic(path: string, body: Buffer): void {
  writeFileSync(`${path}.tmp`, body);
  renameSync(`${path}.tmp`, path);
}

/** Writes `file` and its compressed copies into outDir unless they are there already. */
async function emit(
  outDir: string,
  file: string,
  body: Buffer,
  written: string[],
): Promise<Encoding[]> {
  const target = join(outDir, file);
  if (!existsSync(target)) {
    writeAtomic(target, body);
    written.push(file);
  }
  if (COMPRESSED.has(extname(file))) return [];
  const encodings = await Promise.all(
    ENCODINGS.map(async (encoding): Promise<Encoding | undefined> => {
      const copy = target + ENCODING_SUFFIX[encoding];
      if (!existsSync(copy)) {
        const packed = await compress(encoding, body);
        if (packed.length >= body.length) return undefined;
        writeAtomic(copy, packed);
        written.push(file + ENCODING_SUFFIX[encoding]);
      }
      return encoding;
    }),
  );
  return encodings.filter((e): e is Encoding => e !== undefined);
}

export async function buildWeb(options: WebBuildOptions): Promise<WebBuildResult> {
  const sources = new Map<string, Buffer>();
  for (const entry of readdirSync(options.publicDir, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('.'))
      sources.set(entry.name, readFileSync(join(options.publicDir, entry.name)));
  }
  const page = sources.get(PAGE);
  if (!page) throw new Error(`web build: no ${PAGE} in ${options.publicDir}`);
  sources.delete(PAGE);
  if (sources.has(BUNDLE)) throw new Error(`web build: ${BUNDLE} comes from botframework-webchat`);
  sources.set(BUNDLE, readFileSync(options.bundle));

  mkdirSync(options.outDir, { recursive: true });
  const written: string[] = [];
  const names = new Map<string, string>();
  const assets: WebManifest['assets'] = [];
  const add = async (name: string, body: Buffer) => {
    const hash = hashOf(body);
    const file = fingerprinted(name, hash);
    names.set(name, file);
    const encodings = await emit(options.outDir, file, body, written);
    assets.push({ name, file, type: typeOf(name), hash, encodings });
  };
  // Style sheets may refer to the other assets, so those are named first; the page comes last.
  const isStyle = (name: string) => extname(name) === '.css';
  const ordered = [...sources.keys()].sort();
  await Promise.all(ordered.filter((n) => !isStyle(n)).map((n) => add(n, sources.get(n)!)));
  for (const name of ordered.filter(isStyle)) {
    await add(name, Buffer.from(rewrite(name, sources.get(name)!.toString('utf8'), names)));
  }
  const html = Buffer.from(rewrite(PAGE, page.toString('utf8'), names));
  // The page keeps its name (it is revalidated on every load), so it is rewritten each time.
  for (const suffix of ['', ...Object.values(ENCODING_SUFFIX)])
    rmSync(join(options.outDir, PAGE + suffix), { force: true });
  const pageFile: BuiltFile = {
    file: PAGE,
    type: typeOf(PAGE),
    hash: hashOf(html),
    encodings: await emit(options.outDir, PAGE, html, written),
  };
  assets.sort((a, b) => (a.name < b.name ? -1 : 1));
  const manifest: WebManifest = { format: WEB_FORMAT, page: pageFile, assets };

  // Fingerprints of earlier builds are dropped, so dist/web holds exactly what the manifest names.
  const keep = new Set([WEB_MANIFEST, PAGE, ...assets.map((a) => a.file)]);
  for (const entry of readdirSync(options.outDir)) {
    const base = Object.values(ENCODING_SUFFIX).reduce(
      (name, suffix) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : name),
      entry,
    );
    if (!keep.has(base)) rmSync(join(options.outDir, entry), { force: true, recursive: true });
  }
  const manifestPath = join(options.outDir, WEB_MANIFEST);
  writeAtomic(manifestPath, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  return { manifest, written };
}

/** botframework-webchat's full bundle (Adaptive Cards included). */
function webchatBundle(): string {
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', BUNDLE);
}

async function main(): Promise<void> {
  const started = Date.now();
  const { manifest, written } = await buildWeb({
    publicDir: PUBLIC_DIR,
    bundle: webchatBundle(),
    outDir: WEB_DIR,
  });
  console.log(
    `Wrote ${relative(PROJECT_ROOT, WEB_DIR)}: the page and ${manifest.assets.length} assets ` +
      `(${written.length} files written, the rest reused) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
