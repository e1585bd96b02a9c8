import { language, normalize } from '../helpers/language';
import { Synonyms } from '../../src/core/synonyms';

const t = (text: string) => normalize(text).tokens;
const apply = (s: Synonyms, text: string) => s.apply(t(text)).join(' ');

describe('Synonyms', () => {
  const synonyms = new Synonyms(
    [
      { to: 'therapist', from: ['masseuse', 'massage therapist'] },
      { to: 'massage', from: ['rub'] },
      { to: 'Scalp Massage', from: ['head rub', 'head massage'] },
      { to: 'scalp', from: ['top of my head'] },
      { to: 'summit', from: ['top of'] },
      { to: 'self', from: ['by myself', 'on my own'] },
    ],
    language(),
  );

  it('rewrites a word to the word the bank uses', () => {
    expect(apply(synonyms, 'my masseuse said so')).toBe('my therapist said so');
    expect(apply(synonyms, 'a neck rub')).toBe('a neck massage');
  });

  it('rewrites a phrase, to one word or to several', () => {
    expect(apply(synonyms, 'should i see a massage therapist')).toBe('should i see a therapist');
    expect(apply(synonyms, 'how do i give a head rub')).toBe('how do i give a scalp massage');
    expect(apply(synonyms, 'can i do it by myself')).toBe('can i do it self');
  });

  it('prefers the longest phrase that starts at a word', () => {
    expect(apply(synonyms, 'the top of my head hurts')).toBe('the scalp hurts');
    expect(apply(synonyms, 'the top of the hill')).toBe('the summit the hill');
  });

  it('a phrase counts only when every word of it is there, in order', () => {
    expect(apply(synonyms, 'my head')).toBe('my head');
    expect(apply(synonyms, 'head')).toBe('head');
    expect(apply(synonyms, 'rub my head')).toBe('massage my head');
    expect(apply(synonyms, 'a head massager')).toBe('a head massager');
    expect(apply(synonyms, 'on my')).toBe('on my');
  });

  it('rewrites once: what it wrote is not rewritten again', () => {
    const chain = new Synonyms(
      [
        { to: 'massage', from: ['rub'] },
        { to: 'kneading', from: ['massage'] },
      ],
      language(),
    );
    expect(apply(chain, 'rub')).toBe('massage');
    expect(apply(chain, 'massage')).toBe('kneading');
  });

  it('normalizes its entries as it normalizes messages', () => {
    const s = new Synonyms([{ to: 'Doctor', from: ['GP', 'Family-Physician'] }], language());
    expect(s.apply(t('see your GP'))).toEqual(['see', 'your', 'doctor']);
    expect(s.apply(t('see your family physician'))).toEqual(['see', 'your', 'doctor']);
  });

  it('leaves everything else, and the input, alone', () => {
    const tokens = t('is kneading safe');
    const copy = [...tokens];
    expect(synonyms.apply(tokens)).toEqual(copy);
    expect(tokens).toEqual(copy);
    expect(synonyms.apply([])).toEqual([]);
    expect(new Synonyms([], language()).apply(t('a head rub'))).toEqual(t('a head rub'));
  });
});
