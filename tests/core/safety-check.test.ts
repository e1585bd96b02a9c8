import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentBundle } from '../../src/content/bundle';
import { nluFingerprint, readNluArtifact, writeNluArtifact } from '../../src/content/nlu-artifact';
import { DEFAULT_PATHS } from '../../src/content/paths';
import { loadCommonWords } from '../../src/core/common-words';
import { Pipeline } from '../../src/core/pipeline';
import { emptySession } from '../../src/core/session';
import { textTurn } from '../../src/core/turn';
import { Conversation, pipeline } from '../helpers/pipeline';

/**
 * The same content and trained models, with the net's thresholds changed: the unsure tier from
 * score 0 (every turn no layer fires on) and the firing threshold out of reach.
 */
function alwaysUnsure(): Pipeline {
  const p = pipeline();
  const net = p.content.safetyNet!;
  const content: ContentBundle = {
    ...p.content,
    safetyNet: { ...net, threshold: 0.999999, unsure: { enabled: true, threshold: 0 } },
  };
  return new Pipeline(content, loadCommonWords(), {
    matcherModel: p.matcherModel(),
    wordFrequency: p.wordFrequency(),
    safetyNetModel: p.safetyNetModel()!,
  });
}

describe('the unsure tier: a safety check before the reply', () => {
  const unsure = alwaysUnsure();
  const check = unsure.content.prompts.safetyCheck;
  const say = (text: string) => unsure.respond(textTurn(text), emptySession());

  it('goes before an answer, in the text, the speech and its own field', () => {
    const { reply } = say('is it safe to massage my neck?');
    expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'is-neck-massage-safe' });
    expect(reply.safetyCheck).toEqual(check);
    expect(reply.text.startsWith(`${check.text}\n\n`)).toBe(true);
    expect(reply.speech.startsWith(`${check.speech} `)).toBe(true);
    expect(reply.speechParts[0]).toEqual({ say: check.speech });
    const plain = pipeline().respond(textTurn('is it safe to massage my neck?'), emptySession());
    expect(reply.text).toBe(`${check.text}\n\n${plain.reply.text}`);
  });

  it('goes before a fallback: a fallback never ignores a possible symptom', () => {
    const { reply } = say('what is the capital of peru');
    expect(reply.outcome.kind).toBe('fallback');
    expect(reply.safetyCheck).toEqual(check);
    expect(reply.text.startsWith(check.text)).toBe(true);
  });

  it('never goes before a safety reply', () => {
    const { reply } = say('I feel dizzy');
    expect(reply.outcome).toMatchObject({ kind: 'precaution', id: 'precaution-dizziness' });
    expect(reply.safetyCheck).toBeUndefined();
    expect(reply.text.startsWith(check.text)).toBe(false);
  });

  it('keeps nothing of what was said in state', () => {
    const { state } = say('my neck feels a bit peculiar today, what is kneading?');
    expect(JSON.stringify(state)).not.toMatch(/peculiar/);
  });

  it('is not given on a plain question with the thresholds as shipped', () => {
    const reply = new Conversation().say('is it safe to massage my neck?');
    expect(reply.safetyCheck).toBeUndefined();
  });
});

describe('the safety net as shipped', () => {
  it('is trained from content, with the families of the lexicon', () => {
    const model = pipeline().safetyNetModel();
    expect(model?.classIds).toEqual([
      'none',
      ...new Set(pipeline().content.lexicon.map((t) => t.id)),
    ]);
  });

  it('switched on, adds a hit where the phrase layer has none, and the reply is that precaution', () => {
    const text = 'my fingers feel like they are wearing thick gloves';
    const { rules, net } = pipeline().explainSafety(text);
    expect(rules).toBeUndefined();
    expect(net).toMatchObject({ id: 'precaution-numbness' });
    const p = pipeline();
    const firing = new Pipeline(
      { ...p.content, safetyNet: { ...p.content.safetyNet!, enabled: true } },
      loadCommonWords(),
      {
        matcherModel: p.matcherModel(),
        wordFrequency: p.wordFrequency(),
        safetyNetModel: p.safetyNetModel()!,
      },
    );
    expect(new Conversation(firing).say(text).outcome).toMatchObject({
      kind: 'precaution',
      id: 'precaution-numbness',
    });
  });

  it('ships with its hits off and its unsure tier on: the sign gets the safety check', () => {
    const text = 'my fingers feel like they are wearing thick gloves';
    expect(pipeline().content.safetyNet).toMatchObject({
      enabled: false,
      unsure: { enabled: true },
    });
    const reply = new Conversation().say(text);
    expect(reply.outcome.kind).not.toMatch(/precaution|emergency/);
    expect(reply.safetyCheck).toBeDefined();
  });

  it('goes into the NLU artifact and comes back reading exactly the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neckbot-net-'));
    try {
      const file = join(dir, 'nlu-model.bin');
      const p = pipeline();
      const safetyNet = p.safetyNetModel()!;
      writeNluArtifact(file, nluFingerprint(DEFAULT_PATHS), {
        content: p.content,
        matcher: p.matcherModel(),
        wordFrequency: p.wordFrequency(),
        safetyNet,
        commonWords: loadCommonWords(),
      });
      const built = readNluArtifact(DEFAULT_PATHS, undefined, { file, required: true })!;
      expect(built.safetyNet?.classIds).toEqual(safetyNet.classIds);
      const loaded = new Pipeline(built.content, built.commonWords, {
        matcherModel: built.matcher,
        wordFrequency: built.wordFrequency,
        safetyNetModel: built.safetyNet!,
      });
      for (const text of [
        'so woozy after that',
        'is it safe to massage my neck',
        'ouch, too hard',
      ]) {
        expect(loaded.explainSafety(text)).toEqual(p.explainSafety(text));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the learned net on short questions', () => {
  it('does not turn a short question about headaches into an emergency', () => {
    for (const text of ['and for headaches?', 'and migraines?']) {
      const reply = new Conversation().say(text);
      expect(reply.outcome).toMatchObject({ kind: 'answer', id: 'benefit-headache-relief' });
    }
  });
});
