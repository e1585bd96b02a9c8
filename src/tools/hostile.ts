import { randomBytes } from 'node:crypto';
import { createGzip } from 'node:zlib';

/**
 * Hostile request bodies shared by the edge tests, the HTTP fuzz suite and the abuse check. They
 * are generated (a committed 250 KB gzip file would say nothing a reader could check).
 */

/** Gzip of `inflatedMb` MiB of zeros: 250 MiB inflate from about 243 KiB. */
export async function gzipBomb(inflatedMb: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => gzip.on('end', resolve));
  const mib = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < inflatedMb; i++) {
    if (!gzip.write(mib)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

/** A multipart/form-data upload of `bytes` random bytes, as `curl -F file=@…` sends it. */
export function multipartUpload(bytes: number): { contentType: string; body: Buffer } {
  const boundary = `----hostile${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="5mb.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([head, randomBytes(bytes), tail]),
  };
}
