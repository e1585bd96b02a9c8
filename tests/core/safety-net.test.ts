import { SoftmaxClassifier } from '../../src/core/classifier';
import { loadCommonWords } from '../../src/core/common-words';
import { SafetyRouter } from '../../src/core/safety';
import { SafetyLayers } from '../../src/core/safety-layers';
import { SafetyVocabulary } from '../../src/core/safety-vocabulary';
import { NONE, netFeatures, SafetyNet, type NetExample } from '../../src/core/safety-net';
import { WordMatcher } from '../../src/core/word-match';
import { language } from '../helpers/language';

const words = (text: string) => text.split(' ');
const FAMILIES = ['emergency', 'precaution-dizziness', 'precaution-open-wound'];

/** A toy training set: two families, a few ordinary questions, each line a few times over. */
function toyExamples(): NetExample[] {
  const lines: Array<[string, string]> = [
    ['i feel dizzy', 'precaution-dizziness'],
    ['the room is spinning', 'precaution-dizziness'],
    ['my head is spinning and i feel woozy', 'precaution-dizziness'],
    ['so woozy and dizzy today', 'precaution-dizziness'],
    ['i have a cut on my neck', 'precaution-open-wound'],
    ['there is a bleeding cut', 'precaution-open-wound'],
    ['an open wound on my shoulder', 'precaution-open-wound'],
    ['the wound is bleeding', 'precaution-open-wound'],
    ['how do i knead my neck', NONE],
    ['what are the benefits of massage', NONE],
    ['how long should a massage last', NONE],
    ['start the neck stretches', NONE],
    ['which muscles are in the neck', NONE],
    ['can massage help me relax', NONE],
  ];
  return lines.flatMap(([text, label]) =>
    Array.from({ length: 3 }, () => ({ tokens: words(text), label })),
  );
}

describe('safety net', () => {
  const net = SafetyNet.train(toyExamples(), FAMILIES);

  it('reads words, word pairs and character n-grams inside words', () => {
    const f = netFeatures(['sore', 'neck']);
    expect(f).toEqual(
      expect.arrayContaining([
        'w sore',
        'w neck',
        'b sore neck',
        'c <so',
        'c ore>',
        'c <sore',
        'c <neck',
      ]),
    );
    expect(f).not.toContain('c e>ne'); // no n-gram crosses a word boundary
  });

  it('learns a toy set and separates its families from ordinary questions', () => {
    const dizzy = net.read(words('i feel so woozy'))!;
    expect(dizzy.id).toBe('precaution-dizziness');
    expect(dizzy.score).toBeGreaterThan(0.5);
    const wound = net.read(words('a cut that is bleeding'))!;
    expect(wound.id).toBe('precaution-open-wound');
    expect(wound.score).toBeGreaterThan(0.5);
    expect(net.read(words('what are the benefits of kneading'))!.score).toBeLessThan(0.3);
    expect(net.read([])).toBeUndefined();
  });

  it('reads unseen spellings through character n-grams', () => {
    expect(net.read(words('dizzzy again'))!.id).toBe('precaution-dizziness');
  });

  it('gives the same net from the same lines, and its model reloads to the same readings', () => {
    const again = SafetyNet.train(toyExamples(), FAMILIES);
    const reloaded = SafetyNet.fromModel(net.model);
    const text = words('my neck wound');
    expect(again.read(text)).toEqual(net.read(text));
    expect(reloaded.read(text)).toEqual(net.read(text));
  });

  it('reads the same scores as the classifier over every feature of the text', () => {
    const { model } = net;
    const reference = new SoftmaxClassifier(model.classIds.length, model.features.size, {
      weights: model.weights,
      bias: model.bias,
    });
    // Repeated words, n-grams shared between words, unknown words and pairs read twice.
    for (const text of [
      'i feel dizzy dizzy and woozy',
      'the wound the wound is bleeding and spinning',
      'zzz qqq neck',
      'spinning spin spinner',
      'i feel dizzy',
    ]) {
      const tokens = words(text);
      const ids = netFeatures(tokens)
        .map((f) => model.features.indexOf(f))
        .filter((id) => id >= 0);
      const p = reference.predict(ids, ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0);
      let top = 1;
      for (let c = 2; c < p.length; c++) if (p[c]! > p[top]!) top = c;
      const read = net.read(tokens)!;
      expect(read.id).toBe(model.classIds[top]);
      expect(read.score).toBeCloseTo(1 - p[0]!, 12);
    }
  });

  it('refuses a label that is neither none nor a family', () => {
    expect(() => SafetyNet.train([{ tokens: ['x'], label: 'precaution-x' }], FAMILIES)).toThrow(
      /unknown class/,
    );
  });
});

describe('safety layers: the phrase layer first, then the net', () => {
  const net = SafetyNet.train(
    [
      ...toyExamples(),
      // Taught wrongly on purpose: the lexicon below says "dizzy" is dizziness, and it wins.
      ...Array.from({ length: 5 }, () => ({ tokens: words('dizzy wound'), label: 'emergency' })),
    ],
    FAMILIES,
  );
  const rules = new SafetyRouter(
    [
      { id: 'emergency', triggers: ['passed out'], except: [] },
      { id: 'precaution-dizziness', triggers: ['dizzy'], except: [] },
      { id: 'precaution-open-wound', triggers: ['open wound'], except: [] },
    ],
    new WordMatcher(loadCommonWords()),
    [],
    language(),
  );
  const layers = (threshold: number, unsure: number | undefined, minWords = 1) =>
    new SafetyLayers(rules, {
      net,
      fires: true,
      threshold,
      unsure,
      minWords,
      vocabulary: undefined,
    });
  const woozy = words('so woozy today');
  const score = net.read(woozy)!.score;

  it('adds a hit at or above its threshold when the phrase layer found none', () => {
    expect(rules.detect(woozy)).toBeUndefined();
    const { hit, check } = layers(score - 0.01, undefined).assess(woozy);
    expect(hit).toMatchObject({ id: 'precaution-dizziness', kind: 'precaution', trigger: 'net' });
    expect(check).toBeUndefined();
    expect(layers(score + 0.01, undefined).assess(woozy)).toEqual({
      hit: undefined,
      check: undefined,
    });
  });

  it('below the threshold but above the unsure one: no hit, a safety check', () => {
    const { hit, check } = layers(score + 0.01, score - 0.01).assess(woozy);
    expect(hit).toBeUndefined();
    expect(check).toEqual({ id: 'precaution-dizziness', score });
    expect(layers(score + 0.02, score + 0.01).assess(woozy).check).toBeUndefined();
  });

  it('fires only on a message of at least minWords words; a shorter one gets the check', () => {
    expect(woozy).toHaveLength(3);
    expect(layers(score - 0.01, undefined, 3).assess(woozy).hit).toMatchObject({ trigger: 'net' });
    expect(layers(score - 0.01, undefined, 4).assess(woozy).hit).toBeUndefined();
    expect(layers(score - 0.01, score - 0.02, 4).assess(woozy).check).toEqual({
      id: 'precaution-dizziness',
      score,
    });
  });

  it('with a vocabulary, fires only on a message that uses one of its words', () => {
    const vocabulary = new SafetyVocabulary(
      [{ id: 'precaution-dizziness', triggers: ['woozy*', 'dizzy'], except: [] }],
      language(),
    );
    const gated = (tokens: string[]) =>
      new SafetyLayers(rules, {
        net,
        fires: true,
        threshold: score - 0.01,
        unsure: score - 0.02,
        minWords: 1,
        vocabulary,
      }).assess(tokens);
    expect(gated(woozy).hit).toMatchObject({ trigger: 'net' });
    const without = words('so sleepy today');
    const reading = net.read(without)!;
    const { hit, check } = new SafetyLayers(rules, {
      net,
      fires: true,
      threshold: reading.score - 0.01,
      unsure: reading.score - 0.02,
      minWords: 1,
      vocabulary,
    }).assess(without);
    expect(hit).toBeUndefined();
    expect(check).toEqual({ id: reading.id, score: reading.score });
  });

  it('safety wins: where both fire, the lexicon id stands', () => {
    const both = words('dizzy wound');
    expect(net.read(both)!.id).toBe('emergency');
    expect(layers(0.01, undefined).assess(both).hit).toMatchObject({
      id: 'precaution-dizziness',
      trigger: 'dizzy',
    });
  });

  it('switched off, the net adds no hit but may still feed the unsure tier', () => {
    const off = new SafetyLayers(rules, {
      net,
      fires: false,
      threshold: 0.01,
      unsure: 0.01,
      minWords: 1,
      vocabulary: undefined,
    });
    expect(off.assess(woozy)).toEqual({
      hit: undefined,
      check: { id: 'precaution-dizziness', score },
    });
    expect(new SafetyLayers(rules, undefined).assess(woozy)).toEqual({
      hit: undefined,
      check: undefined,
    });
  });

  it('a net hit in a question or a denial is framed as conditional', () => {
    expect(layers(0.01, undefined).assess(words('what if i get so woozy')).hit?.framing).toBe(
      'conditional',
    );
    expect(layers(0.01, undefined).assess(woozy).hit?.framing).toBe('statement');
  });
});
