import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../content/paths';

/**
 * The web page as built by `npm run build` (src/tools/build-web.ts): every file in dist/web, its
 * content hash, and the pre-compressed copies beside it (`<file>.br`, `<file>.gz`). The server
 * reads only this folder, never botframework-webchat, so production needs no devDependency.
 */
export const WEB_DIR = join(PROJECT_ROOT, 'dist', 'web');
export const WEB_MANIFEST = 'manifest.json';
export const WEB_FORMAT = 1;

/** Pre-compressed encodings, in the order the server prefers them. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const ENCODING_SUFFIX: Readonly<Record<Encoding, string>> = { br: '.br', gzip: '.gz' };

const fileName = z.string().regex(/^[\w-]+(\.[\w-]+)+$/, 'a plain file name');

const builtFile = z.object({
  /** The file in dist/web. */
  file: fileName,
  type: z.string().min(1),
  /** Content hash (hex) of the file as served uncompressed. */
  hash: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** The encodings written beside it (only those smaller than the file). */
  encodings: z.array(z.enum(ENCODINGS)),
});

export const webManifestSchema = z.object({
  format: z.literal(WEB_FORMAT),
  /** The HTML page, served at `/` (its references rewritten to the fingerprinted names). */
  page: builtFile,
  /** Served at `/webchat/<file>` (immutable) and at `/webchat/<name>` (revalidated). */
  assets: z.array(builtFile.extend({ name: fileName })),
});

export type BuiltFile = z.infer<typeof builtFile>;
export type WebManifest = z.infer<typeof webManifestSchema>;
