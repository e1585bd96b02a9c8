import { Speller } from '../../src/core/speller';
import { WordMatcher } from '../../src/core/word-match';
import { language } from '../helpers/language';
import { classify } from '../helpers/pipeline';

/** A small bank vocabulary: word -> how often the bank uses it. */
const frequency = new Map<string, number>([
  ['knot', 40],
  ['knots', 30],
  ['knotty', 1],
  ['scalp', 25],
  ['scalene', 3],
  ['blood', 12],
  ['body', 20],
  ['neck', 300],
  ['should', 60],
  ['shoulder', 15],
  ['stress', 10],
  ['massage', 400],
]);
const speller = new Speller(
  frequency,
  new WordMatcher(new Set(['weather', 'once'])),
  language().terms,
);

describe('speller', () => {
  it.each([
    ['knott', 'knot'], // one edit from knot and knotty: the word the bank uses more wins
    ['scalpe', 'scalp'], // one edit, where fuse.js alone ranks "scalene" first
    ['blod', 'blood'], // one edit from blood, two from body
    ['ncek', 'neck'], // swapped letters
    ['shuold', 'should'], // a stop word, not the content word "shoulder"
    ['massge', 'massage'],
    ['masssagge', 'massage'], // two edits, found by fuse.js
  ])('corrects "%s" to "%s"', (typed, word) => {
    expect(speller.correct(typed)).toBe(word);
  });

  it.each([
    ['weather', 'a correctly spelled common word'],
    ['xeck', 'a wrong first letter'],
    ['nk', 'a word too short to tell'],
    ['knot9', 'a word with a digit'],
    ['scaffolding', 'a word far from every bank word'],
  ])('leaves "%s" alone (%s)', (typed) => {
    expect(speller.correct(typed)).toBe(typed);
  });

  it('answers questions with typos the old fuse-only ranking got wrong', () => {
    expect(classify('whats the best way to release a knott in my own neck').id).toBe(
      'self-trigger-point-release',
    );
    expect(classify('would rubbing my scalpe help my neck relax').id).toBe('self-scalp-massage');
    expect(classify('does massage get the blod moving in the neck').id).toBe('benefit-circulation');
  });
});
