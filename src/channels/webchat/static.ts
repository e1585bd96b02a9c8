import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'restify';
import { chooseEncoding } from '../../http/accept-encoding';
import { notModified } from '../../http/conditional';
import { sendError } from '../http-error';
import {
  ENCODINGS,
  ENCODING_SUFFIX,
  WEB_DIR,
  WEB_MANIFEST,
  webManifestSchema,
  type BuiltFile,
  type Encoding,
} from './web-manifest';

/** Fingerprinted names never change content: browsers keep them a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page and the plain asset names: kept, but revalidated (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

export interface Asset {
  type: string;
  cacheControl: string;
  /** The uncompressed body and whichever pre-compressed copies were built. */
  bodies: { identity: Buffer } & Partial<Record<Encoding, Buffer>>;
  /** Entity tag of each representation: the content hash, with the coding for a compressed one. */
  etags: { identity: string } & Partial<Record<Encoding, string>>;
}

/**
 * The web chat page as `npm run build` left it in dist/web (see src/tools/build-web.ts), read once
 * at start: `/`, each asset at `/webchat/<fingerprinted name>` and at its plain name.
 */
export function webchatAssets(dir: string = WEB_DIR): Map<string, Asset> {
  const manifestPath = join(dir, WEB_MANIFEST);
  if (!existsSync(manifestPath))
    throw new Error(
      `the web page is not built (${manifestPath} is missing): run \`npm run build\``,
    );
  const parsed = webManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`${manifestPath} is not a web manifest of this version`);
  const load = (built: BuiltFile): Omit<Asset, 'cacheControl'> => {
    const path = join(dir, built.file);
    const asset: Omit<Asset, 'cacheControl'> = {
      type: built.type,
      bodies: { identity: readFileSync(path) },
      etags: { identity: `"${built.hash}"` },
    };
    for (const encoding of built.encodings) {
      asset.bodies[encoding] = readFileSync(path + ENCODING_SUFFIX[encoding]);
      asset.etags[encoding] = `"${built.hash}-${encoding}"`;
    }
    return asset;
  };
  const assets = new Map<string, Asset>();
  assets.set('/', { ...load(parsed.data.page), cacheControl: REVALIDATE });
  for (const built of parsed.data.assets) {
    const loaded = load(built);
    assets.set(`/webchat/${built.file}`, { ...loaded, cacheControl: IMMUTABLE });
    assets.set(`/webchat/${built.name}`, { ...loaded, cacheControl: REVALIDATE });
  }
  return assets;
}

/**
 * Serves the assets: the pre-compressed copy the client accepts (brotli, else gzip, else none),
 * `Vary: Accept-Encoding`, an ETag and 304 on a matching `If-None-Match`. The HTML page gets
 * `pagePolicy` as its Content-Security-Policy.
 */
export function assetHandler(assets: Map<string, Asset>, pagePolicy?: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const asset = assets.get(req.path());
    if (!asset) {
      sendError(res, 404, 'not found');
      return;
    }
    const offered = ENCODINGS.filter((encoding) => asset.bodies[encoding]);
    const encoding = chooseEncoding(req.header('accept-encoding'), offered);
    const body = (encoding && asset.bodies[encoding]) || asset.bodies.identity;
    const etag = (encoding && asset.etags[encoding]) || asset.etags.identity;
    res.setHeader('Cache-Control', asset.cacheControl);
    res.setHeader('ETag', etag);
    if (offered.length > 0) res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (pagePolicy && asset.type.startsWith('text/html'))
      res.setHeader('Content-Security-Policy', pagePolicy);
    if (notModified(req.header('if-none-match'), Object.values(asset.etags))) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.setHeader('Content-Type', asset.type);
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.writeHead(200);
    res.end(body);
    await Promise.resolve();
  };
}
