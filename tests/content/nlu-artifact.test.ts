import { join } from 'node:path';
import { createPipeline } from '../../src/app';
import { loadCommonWords } from '../../src/core/common-words';
import { Pipeline } from '../../src/core/pipeline';
import { loadContent } from '../../src/content/load';
import { nluFingerprint, readNluArtifact, writeNluArtifact } from '../../src/content/nlu-artifact';
import { ContentCopy } from '../helpers/content-copy';

describe('the NLU build artifact', () => {
  const copy = new ContentCopy();
  const file = join(copy.root, 'nlu-model.bin');
  const common = loadCommonWords();
  const content = loadContent(copy.paths);
  const settings = content.nlu;
  const trained = new Pipeline(content, common);
  writeNluArtifact(file, nluFingerprint(copy.paths), {
    content,
    matcher: trained.matcherModel(),
    wordFrequency: trained.wordFrequency(),
    commonWords: common,
  });
  afterAll(() => copy.remove());

  it('gives a pipeline that scores exactly like the one trained at start-up', () => {
    const built = readNluArtifact(copy.paths, undefined, { file, required: true })!;
    const loaded = new Pipeline(built.content, built.commonWords, {
      matcherModel: built.matcher,
      wordFrequency: built.wordFrequency,
    });
    for (const text of [
      'is it safe to massage my neck',
      'how do I do trigger point relase on my traps',
      'what does the weather look like tomorrow',
      'my neck stiffened up after sleeping funny, can kneading help',
    ]) {
      expect(loaded.explainMatch(text)).toEqual(trained.explainMatch(text));
    }
  });

  it('keeps the common English words exactly, loaded without building a set', () => {
    const built = readNluArtifact(copy.paths, undefined, { file, required: true })!;
    expect(built.commonWords.size).toBe(common.size);
    expect([...built.commonWords]).toEqual([...common]);
    for (const word of ['would', 'fewer', 'neck', 'shoulder'])
      expect(built.commonWords.has(word)).toBe(true);
    for (const word of ['wouldd', 'nekc', '', 'sternocleidomastoid'])
      expect(built.commonWords.has(word)).toBe(false);
  });

  it('is stale when the content or the settings change, and then trains or refuses', () => {
    expect(readNluArtifact(copy.paths, { ...settings, unknownWeight: 0.9 }, { file })).toBe(
      undefined,
    );
    copy.edit('content/nlu.yaml', (text) => text.replace('weight: 0.3', 'weight: 0.6'));
    expect(readNluArtifact(copy.paths, undefined, { file })).toBe(undefined);
    expect(() => readNluArtifact(copy.paths, undefined, { file, required: true })).toThrow(
      /MODEL_STALE: .*nlu-model\.bin: the artifact was built from other content/,
    );
    expect(() => createPipeline(copy.paths, {}, { NLU_MODEL: 'required' })).toThrow(/MODEL_STALE/);
  });
});
