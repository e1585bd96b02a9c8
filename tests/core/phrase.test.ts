import { language, normalize } from '../helpers/language';
import { Phrase } from '../../src/core/phrase';
import { WordMatcher } from '../../src/core/word-match';

/** A few correctly spelled common words: they are never read as a typo of another word. */
const words = new WordMatcher(
  new Set(['i', 'my', 'the', 'a', 'and', 'on', 'hurt', 'neck', 'nick', 'back', 'down', 'arm']),
);
const t = (text: string) => normalize(text).tokens;

describe('Phrase', () => {
  it('finds a phrase of words where it occurs, exact when every word matched letter for letter', () => {
    expect(new Phrase('hurt my neck', language()).find(t('i hurt my neck today'), words)).toEqual({
      start: 1,
      end: 4,
      exact: true,
    });
  });

  it('finds nothing when a word is missing or out of order', () => {
    const p = new Phrase('hurt my neck', language());
    expect(p.find(t('i hurt my back'), words)).toBeUndefined();
    expect(p.find(t('my neck hurt'), words)).toBeUndefined();
    expect(p.find(t('hurt my'), words)).toBeUndefined();
    expect(p.find([], words)).toBeUndefined();
  });

  it('forgives one typo in a longer phrase, and says it was not exact', () => {
    expect(new Phrase('hurt my neck', language()).find(t('i hurt my nekc'), words)).toEqual({
      start: 1,
      end: 4,
      exact: false,
    });
  });

  it('never reads a correctly spelled common word, or another first letter, as a typo', () => {
    const p = new Phrase('hurt my neck', language());
    expect(p.find(t('hurt my nick'), words)).toBeUndefined();
    expect(p.find(t('hurt my beck'), words)).toBeUndefined();
  });

  it('a one-word phrase is its only evidence: a four-letter word forgives only swapped letters', () => {
    const alone = new Phrase('scab', language());
    expect(alone.find(t('a scba'), words)).toEqual({ start: 1, end: 2, exact: false });
    expect(alone.find(t('a scap'), words)).toBeUndefined();
    // the same word inside a longer phrase forgives a changed letter
    expect(
      new Phrase('scab on my neck', language()).find(t('a scap on my neck'), words),
    ).toMatchObject({
      start: 1,
      end: 5,
    });
  });

  it('a gap (...) skips up to three words, and no more', () => {
    const p = new Phrase('pain ... arm', language());
    expect(p.find(t('pain arm'), words)).toEqual({ start: 0, end: 2, exact: true });
    expect(p.find(t('pain shoots down my arm'), words)).toEqual({ start: 0, end: 5, exact: true });
    expect(p.find(t('pain that shoots down my arm'), words)).toBeUndefined();
  });

  it('a prefix* matches every word that starts with it', () => {
    const p = new Phrase('injur* my neck', language());
    for (const w of ['injured', 'injury', 'injuring']) {
      expect(p.find(t(`i ${w} my neck`), words)).toEqual({ start: 1, end: 4, exact: true });
    }
    expect(p.find(t('i inject my neck'), words)).toBeUndefined();
    expect(p.find(t('i imjured my neck'), words)).toMatchObject({ exact: false });
  });

  it('normalizes its source as it normalizes messages', () => {
    expect(
      new Phrase("Can't TURN my neck", language()).find(t('i cannot turn my neck'), words),
    ).toMatchObject({
      start: 1,
      exact: true,
    });
  });

  it('anchors on its first word or prefix, not on a gap', () => {
    expect(new Phrase('Hurt my neck', language()).anchor).toEqual({ word: 'hurt' });
    expect(new Phrase('injur* neck', language()).anchor).toEqual({ prefix: 'injur' });
    expect(new Phrase('... neck', language()).anchor).toBeUndefined();
    expect(new Phrase('hurt my neck', language()).source).toBe('hurt my neck');
  });

  it('matchFrom matches only at the given position', () => {
    const p = new Phrase('my neck', language());
    const tokens = t('hurt my neck');
    expect(p.matchFrom(tokens, words, 0)).toBeUndefined();
    expect(p.matchFrom(tokens, words, 1)).toEqual({ start: 1, end: 3, exact: true });
    expect(p.matchFrom(tokens, words, 3)).toBeUndefined();
  });

  it('find starts where it is told to; findAll gives every occurrence in order', () => {
    const p = new Phrase('neck', language());
    const tokens = t('neck and neck and back');
    expect(p.find(tokens, words, 1)).toEqual({ start: 2, end: 3, exact: true });
    expect(p.findAll(tokens, words)).toEqual([
      { start: 0, end: 1, exact: true },
      { start: 2, end: 3, exact: true },
    ]);
    expect(p.findAll(t('my back'), words)).toEqual([]);
  });
});
