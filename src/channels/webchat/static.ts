import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Request, Response } from 'restify';
import { sendError } from '../http-error';
import { PROJECT_ROOT } from '../../content/load';

const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'channels', 'webchat', 'public');

/** The Web Chat bundle from npm, served by us (no CDN). */
function webchatBundlePath(): string {
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

interface Asset {
  body: Buffer;
  type: string;
}

/** Static files of the web chat page, read once at start. */
export function webchatAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (route: string, file: string, type: string) =>
    assets.set(route, { body: readFileSync(file), type });
  add('/', join(PUBLIC_DIR, 'index.html'), 'text/html; charset=utf-8');
  add('/webchat/app.js', join(PUBLIC_DIR, 'app.js'), 'text/javascript; charset=utf-8');
  add('/webchat/style.css', join(PUBLIC_DIR, 'style.css'), 'text/css; charset=utf-8');
  add('/webchat/webchat.js', webchatBundlePath(), 'text/javascript; charset=utf-8');
  return assets;
}

/** Serves the assets; the HTML page gets `pagePolicy` as its Content-Security-Policy. */
export function assetHandler(assets: Map<string, Asset>, pagePolicy?: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const asset = assets.get(req.path());
    if (!asset) {
      sendError(res, 404, 'not found');
      return;
    }
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (pagePolicy && asset.type.startsWith('text/html'))
      res.setHeader('Content-Security-Policy', pagePolicy);
    res.writeHead(200);
    res.end(asset.body);
    await Promise.resolve();
  };
}
