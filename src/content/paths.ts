import { join, resolve } from 'node:path';

/** The project root: two levels above this file both in src/ and in dist/. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export interface ContentPaths {
  content: string;
  intents: string;
}

export const DEFAULT_PATHS: ContentPaths = {
  content: join(PROJECT_ROOT, 'content'),
  intents: join(PROJECT_ROOT, 'intents'),
};
