import { loadCommonWords } from './core/common-words';
import { NeckbotError } from './core/errors';
import { Pipeline, type PipelineOptions } from './core/pipeline';
import { readNluArtifact } from './content/nlu-artifact';
import { DEFAULT_PATHS, type ContentPaths } from './content/paths';

/**
 * Builds the pipeline every channel shares. From the NLU build artifact (dist/nlu-model.bin, see
 * content/nlu-artifact.ts) when it matches the content, settings and code: no YAML, no training.
 * Otherwise the content is loaded, validated and the matcher trained here, which takes a second or
 * two; NLU_MODEL=required refuses that instead (MODEL_STALE).
 */
export function createPipeline(
  paths: ContentPaths = DEFAULT_PATHS,
  options: PipelineOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Pipeline {
  const required = env.NLU_MODEL === 'required';
  const built =
    env.NLU_MODEL === 'off' ? undefined : readNluArtifact(paths, options.matcher, { required });
  if (built)
    return new Pipeline(built.content, built.commonWords, {
      ...options,
      matcherModel: built.matcher,
      wordFrequency: built.wordFrequency,
      ...(built.safetyNet ? { safetyNetModel: built.safetyNet } : {}),
    });
  // Required lazily: the loader pulls in yaml and zod, which the artifact path never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadContent } = require('./content/load') as typeof import('./content/load');
  return new Pipeline(loadContent(paths), loadCommonWords(), options);
}
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
