import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildWeb } from '../../src/tools/build-web';
import { webManifestSchema } from '../../src/channels/webchat/web-manifest';

/** The web build on a small page of its own, in a temporary folder. */
let root: string;
let publicDir: string;
let bundle: string;
let outDir: string;

const PAGE = `<!doctype html><link rel="stylesheet" href="/webchat/style.css" />
<script src="/webchat/webchat.js"></script><script src="/webchat/app.js"></script>
<form action="/api/webchat"></form>`;
const STYLE = `body { background: url(/webchat/mark.svg) no-repeat; }\n`.repeat(20);
const SCRIPT = `console.log('the page script');\n`.repeat(50);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-web-'));
  publicDir = join(root, 'public');
  outDir = join(root, 'out');
  bundle = join(root, 'bundle.js');
  mkdirSync(publicDir);
  writeFileSync(join(publicDir, 'index.html'), PAGE);
  writeFileSync(join(publicDir, 'style.css'), STYLE);
  writeFileSync(join(publicDir, 'app.js'), SCRIPT);
  writeFileSync(join(publicDir, 'mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(bundle, `window.WebChat = {};\n`.repeat(200));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const build = () => buildWeb({ publicDir, bundle, outDir });

describe('buildWeb', () => {
  it('names each asset after its content and rewrites the references to those names', async () => {
    const { manifest } = await build();
    expect(
      webManifestSchema.parse(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'))),
    ).toEqual(manifest);
    const file = (name: string) => manifest.assets.find((a) => a.name === name)!.file;
    expect(manifest.assets.map((a) => a.name)).toEqual([
      'app.js',
      'mark.svg',
      'style.css',
      'webchat.js',
    ]);
    expect(file('app.js')).toMatch(/^app\.[0-9a-f]{16}\.js$/);
    expect(readFileSync(join(outDir, file('webchat.js')), 'utf8')).toBe(
      readFileSync(bundle, 'utf8'),
    );

    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    for (const name of ['style.css', 'webchat.js', 'app.js'])
      expect(html).toContain(`"/webchat/${file(name)}"`);
    expect(html).toContain('action="/api/webchat"');
    // Only the references changed.
    expect(html.replace(/\.[0-9a-f]{16}\./g, '.')).toBe(PAGE);
    expect(readFileSync(join(outDir, file('style.css')), 'utf8')).toContain(
      `url(/webchat/${file('mark.svg')})`,
    );
  });

  it('writes brotli and gzip copies that decompress to the file, when they are smaller', async () => {
    const { manifest } = await build();
    for (const built of [manifest.page, ...manifest.assets]) {
      const body = readFileSync(join(outDir, built.file));
      if (built.encodings.includes('br'))
        expect(brotliDecompressSync(readFileSync(join(outDir, `${built.file}.br`)))).toEqual(body);
      if (built.encodings.includes('gzip'))
        expect(gunzipSync(readFileSync(join(outDir, `${built.file}.gz`)))).toEqual(body);
      expect(existsSync(join(outDir, `${built.file}.br`))).toBe(built.encodings.includes('br'));
    }
    const app = manifest.assets.find((a) => a.name === 'app.js')!;
    expect(app.encodings).toEqual(['br', 'gzip']);
  });

  it('reuses unchanged files and drops the fingerprints of an earlier build', async () => {
    const first = await build();
    const again = await build();
    expect(again.manifest).toEqual(first.manifest);
    expect(again.written.filter((f) => !f.startsWith('index.html'))).toEqual([]);

    writeFileSync(join(publicDir, 'app.js'), `${SCRIPT}console.log('changed');\n`);
    const changed = await build();
    const oldApp = first.manifest.assets.find((a) => a.name === 'app.js')!.file;
    const newApp = changed.manifest.assets.find((a) => a.name === 'app.js')!.file;
    expect(newApp).not.toBe(oldApp);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain(newApp);
    const files = readdirSync(outDir);
    expect(files.filter((f) => f.startsWith(oldApp))).toEqual([]);
    expect(files.filter((f) => f.startsWith(newApp)).sort()).toEqual(
      [newApp, `${newApp}.br`, `${newApp}.gz`].sort(),
    );
  });

  it('refuses a page that refers to an asset it does not have', async () => {
    writeFileSync(join(publicDir, 'index.html'), `${PAGE}<img src="/webchat/missing.png" />`);
    await expect(build()).rejects.toThrow('index.html refers to /webchat/missing.png');
  });
});
