import { loadCommonWords } from './core/common-words';
import { NeckbotError } from './core/errors';
import { Pipeline, type PipelineOptions } from './core/pipeline';
import { loadContent, DEFAULT_PATHS, type ContentPaths } from './content/load';

/** Loads and validates content once and builds the pipeline every channel shares. */
export function createPipeline(
  paths: ContentPaths = DEFAULT_PATHS,
  options: PipelineOptions = {},
): Pipeline {
  return new Pipeline(loadContent(paths), loadCommonWords(), options);
}

/** SAVED_ROUTINE_TTL_HOURS, validated: a positive number of hours (default 24). */
export function savedRoutineTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SAVED_ROUTINE_TTL_HOURS;
  if (raw === undefined || raw === '') return 24 * 60 * 60 * 1000;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new NeckbotError(
      'INPUT_INVALID',
      `SAVED_ROUTINE_TTL_HOURS must be a positive number of hours, not "${raw}"`,
    );
  }
  return hours * 60 * 60 * 1000;
}
