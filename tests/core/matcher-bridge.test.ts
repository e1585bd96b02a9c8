import { loadCommonWords } from '../../src/core/common-words';
import { Pipeline } from '../../src/core/pipeline';
import { content } from '../helpers/language';

/** The answer matcher with the lexical bridge on and off, on the shipped content and WordNet. */
describe('AnswerMatcher: the lexical bridge (content/nlu.yaml, lexical-bridge)', () => {
  const common = loadCommonWords();
  const withBridge = (on: boolean) =>
    new Pipeline(content(), common, { matcher: { ...content().nlu, lexicalBridge: on } });
  const on = withBridge(true);
  const off = withBridge(false);
  const ceaseQuestion = 'when should i cease the massage';
  const stopQuestion = 'when should i stop the massage';

  it('counts a content word the bank never saw as the vocabulary gap, bridge or not', () => {
    expect(on.unknownWords(ceaseQuestion)).toEqual(['cease']);
    expect(off.unknownWords(ceaseQuestion)).toEqual(['cease']);
    expect(on.unknownWords(stopQuestion)).toEqual([]);
    // A request "tell" and stop words have no terms: they are no gap.
    expect(on.unknownWords('tell me about the neck')).toEqual([]);
  });

  it('switched on, reads the unknown word as the bank word WordNet relates it to', () => {
    expect(on.explainMatch(ceaseQuestion)).toEqual(on.explainMatch(stopQuestion));
    expect(on.explainMatch('ceasing massage')).toEqual(on.explainMatch('stopping massage'));
  });

  it('switched off, leaves the unknown word unknown', () => {
    expect(off.explainMatch(ceaseQuestion)).not.toEqual(off.explainMatch(stopQuestion));
  });

  it('keeps its table in the trained model only when on, and a loaded model reads the same', () => {
    const model = on.matcherModel();
    expect(model.bridge.length).toBeGreaterThan(1000);
    expect(off.matcherModel().bridge).toEqual([]);
    const loaded = new Pipeline(content(), common, {
      matcher: { ...content().nlu, lexicalBridge: true },
      matcherModel: model,
      wordFrequency: on.wordFrequency(),
    });
    expect(loaded.explainMatch(ceaseQuestion)).toEqual(on.explainMatch(stopQuestion));
  });
});
