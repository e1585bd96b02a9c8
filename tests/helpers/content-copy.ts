import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PATHS, type ContentPaths } from '../../src/content/load';

/** A scratch copy of content/ and intents/ that a test may break on purpose. */
export class ContentCopy {
  readonly root = mkdtempSync(join(tmpdir(), 'neckbot-content-'));
  readonly paths: ContentPaths = {
    content: join(this.root, 'content'),
    intents: join(this.root, 'intents'),
  };

  constructor() {
    cpSync(DEFAULT_PATHS.content, this.paths.content, { recursive: true });
    cpSync(DEFAULT_PATHS.intents, this.paths.intents, { recursive: true });
  }

  edit(relative: string, change: (text: string) => string): void {
    const file = join(this.root, relative);
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`edit of ${relative} changed nothing`);
    writeFileSync(file, after);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
