import { relative } from 'node:path';
import { loadCommonWords } from '../core/common-words';
import { Pipeline } from '../core/pipeline';
import { loadContent } from '../content/load';
import {
  NLU_ARTIFACT,
  nluFingerprint,
  readNluArtifact,
  writeNluArtifact,
} from '../content/nlu-artifact';
import { DEFAULT_PATHS, PROJECT_ROOT } from '../content/paths';

/**
 * `npm run build:nlu` (also the last step of `npm run build`): validates the content, trains the
 * matcher and the safety net and writes dist/nlu-model.bin, which start-up loads instead of training. `--check`
 * writes nothing and exits 1 when the artifact is missing or stale.
 */
function main(args: readonly string[]): number {
  const where = relative(PROJECT_ROOT, NLU_ARTIFACT);
  if (args.includes('--check')) {
    const ok = readNluArtifact(DEFAULT_PATHS, undefined) !== undefined;
    if (!ok) console.error(`${where} is missing or stale; run \`npm run build:nlu\``);
    return ok ? 0 : 1;
  }
  const started = Date.now();
  const content = loadContent(DEFAULT_PATHS);
  const commonWords = loadCommonWords();
  const pipeline = new Pipeline(content, commonWords);
  const safetyNet = pipeline.safetyNetModel();
  const bytes = writeNluArtifact(NLU_ARTIFACT, nluFingerprint(DEFAULT_PATHS), {
    content,
    matcher: pipeline.matcherModel(),
    wordFrequency: pipeline.wordFrequency(),
    commonWords,
    ...(safetyNet ? { safetyNet } : {}),
  });
  console.log(
    `Wrote ${where} (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
