import { stemOf } from '../../src/core/terms';
import { language, normalize } from '../helpers/language';

const termsOf = (tokens: readonly string[]) => language().terms.termsOf(tokens);
const isStopword = (word: string) => language().terms.isStopword(word);

const terms = (text: string) => termsOf(normalize(text).tokens);

describe('isStopword', () => {
  it.each(['the', 'a', 'my', 'what', 'how', 'can', 'please', 'gonna'])('%s is a stop word', (w) => {
    expect(isStopword(w)).toBe(true);
  });

  // Question words that separate topics are kept on purpose.
  it.each(['when', 'where', 'why', 'should', 'tell', 'neck', 'massage'])(
    '%s is not a stop word',
    (w) => {
      expect(isStopword(w)).toBe(false);
    },
  );

  it('compares whole lower-case tokens only', () => {
    expect(isStopword('The')).toBe(false);
    expect(isStopword('them ')).toBe(false);
    expect(isStopword('')).toBe(false);
  });
});

describe('stemOf', () => {
  it('gives inflections one stem', () => {
    expect(stemOf('stretches')).toBe(stemOf('stretching'));
    expect(stemOf('stretches')).toBe(stemOf('stretch'));
    expect(stemOf('massaging')).toBe(stemOf('massage'));
    expect(stemOf('kneading')).toBe('knead');
  });

  it('keeps different words apart', () => {
    expect(stemOf('neck')).not.toBe(stemOf('knead'));
    expect(stemOf('scalp')).not.toBe(stemOf('scale'));
  });

  it('leaves numbers as they are', () => {
    expect(stemOf('30')).toBe('30');
    expect(stemOf('2026')).toBe('2026');
  });

  it('is stable across calls (cached)', () => {
    const first = stemOf('relaxation');
    expect(stemOf('relaxation')).toBe(first);
    expect(first).not.toBe('relaxation');
  });
});

describe('termsOf', () => {
  it('drops stop words, stems the rest and adds adjacent bigrams of what is left', () => {
    expect(terms('is it safe to massage my neck')).toEqual([
      'safe',
      stemOf('massage'),
      'neck',
      `safe_${stemOf('massage')}`,
      `${stemOf('massage')}_neck`,
    ]);
  });

  it('pairs words that stop words separated', () => {
    const t = terms('pressure on the neck');
    expect(t).toContain(`${stemOf('pressure')}_neck`);
    expect(t).toHaveLength(3);
  });

  it('gives nothing for nothing, and for stop words only', () => {
    expect(termsOf([])).toEqual([]);
    expect(terms('what is it that you can do')).toEqual([]);
  });

  it('one content word: one term, no bigram', () => {
    expect(terms('kneading')).toEqual(['knead']);
  });

  it('drops a "tell" that asks for an answer ("tell me", "tell us", a last "tell")', () => {
    expect(terms('tell me about kneading')).toEqual(['knead']);
    expect(terms('tell us about kneading')).toEqual(['knead']);
    expect(terms('how can you tell')).toEqual([]);
  });

  it('keeps a "tell" that is the topic ("tell my therapist")', () => {
    expect(terms('tell my therapist what i like')).toEqual(
      expect.arrayContaining(['tell', stemOf('therapist'), `tell_${stemOf('therapist')}`]),
    );
  });

  it('reads an "ok" that judges as "alright"', () => {
    expect(terms('is it ok to massage')).toEqual([
      'alright',
      stemOf('massage'),
      `alright_${stemOf('massage')}`,
    ]);
    expect(terms('is neck massage okay')).toContain('alright');
    expect(terms('is it okay')).toEqual(['alright']);
    expect(terms('is it okay')).toEqual(terms('is it alright'));
  });

  it('drops an "ok" that is filler', () => {
    expect(terms('ok so how do i knead')).toEqual(['knead']);
    expect(terms('okay thanks')).not.toContain('alright');
    expect(terms('show me kneading ok')).not.toContain('alright');
  });

  it('does not change the tokens it is given', () => {
    const tokens = normalize('is it ok to tell me about kneading').tokens;
    const copy = [...tokens];
    termsOf(tokens);
    expect(tokens).toEqual(copy);
  });
});
