import { PhraseSet } from '../../src/core/phrase-set';

describe('PhraseSet', () => {
  const set = new PhraseSet([['later'], ['save', 'my', 'spot'], ['for', 'now'], []]);
  const words = (text: string) => text.split(' ');

  it('finds a phrase anywhere in the words, word for word', () => {
    expect(set.occursIn(words('can we carry on later'))).toBe(true);
    expect(set.occursIn(words('i have a call save my spot please'))).toBe(true);
    expect(set.occursIn(words('pause for now'))).toBe(true);
  });

  it('needs every word of a phrase, in order, and not cut off at the end', () => {
    expect(set.occursIn(words('save my place'))).toBe(false);
    expect(set.occursIn(words('now for'))).toBe(false);
    expect(set.occursIn(words('save my'))).toBe(false);
    expect(set.occursIn([])).toBe(false);
  });
});
